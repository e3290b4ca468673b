namespace BuildMigrations.Sandbox.Local;

/// <summary>Raised when a throwaway MariaDB server cannot be found, installed, started or stopped.</summary>
public sealed class LocalMariaDbException : Exception
{
    /// <summary>Creates the exception with a message that should say what to do next.</summary>
    public LocalMariaDbException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public LocalMariaDbException(string message, Exception innerException) : base(message, innerException) { }
}
