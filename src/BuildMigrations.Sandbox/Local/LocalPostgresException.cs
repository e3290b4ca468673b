namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// Raised when a local PostgreSQL server cannot be found, created, started or stopped.
/// The message carries the output of the failing tool and the tail of the server log.
/// </summary>
public sealed class LocalPostgresException : Exception
{
    /// <summary>Creates the exception with a message that explains what went wrong and how to fix it.</summary>
    public LocalPostgresException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the lower-level failure that caused it.</summary>
    public LocalPostgresException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
