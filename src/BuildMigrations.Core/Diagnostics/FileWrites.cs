namespace BuildMigrations.Core.Diagnostics;

/// <summary>Writes to paths the user gave: one that cannot be written is BM4009, with the operating system's own words.</summary>
public static class FileWrites
{
    /// <summary>Runs <paramref name="write"/>; an I/O or permission failure becomes BM4009.</summary>
    public static void Run(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(Problems.FileUnusable(e.Message.ReplaceLineEndings(" ")), e);
        }
    }
}
