using System.Text;

namespace BuildMigrations.Sandbox.Local;

/// <summary>
/// The files of one throwaway server inside a private temp directory, and the command lines that use them.
/// </summary>
internal sealed class MariaDbLayout
{
    // sun_path holds 108 bytes including the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    // Small InnoDB sizes keep the install fast and the footprint of parallel test servers low.
    private static readonly string[] InnoDbSizing = ["--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M"];

    private MariaDbLayout(string root)
    {
        Root = root;
        Data = Path.Combine(root, "data");
        Socket = Path.Combine(root, "s.sock");
        PidFile = Path.Combine(root, "mariadbd.pid");
        ErrorLog = Path.Combine(root, "error.log");
        InitSql = Path.Combine(root, "init.sql");
        Temp = Path.Combine(root, "tmp");
    }

    public string Root { get; }
    public string Data { get; }
    public string Socket { get; }
    public string PidFile { get; }
    public string ErrorLog { get; }
    public string InitSql { get; }

    /// <summary>The server's own temp directory: servers bootstrapping in parallel in a shared /tmp have been
    /// seen to lose each other's temporary tables ("Could not remove temporary table ... error: 2").</summary>
    public string Temp { get; }

    /// <summary>Creates a fresh directory; the short prefix keeps the socket path under the kernel limit.</summary>
    public static MariaDbLayout Create()
    {
        // CreateTempSubdirectory uses mkdtemp, so the directory is private to this user (0700).
        var layout = new MariaDbLayout(Directory.CreateTempSubdirectory("my").FullName);
        Directory.CreateDirectory(layout.Temp);
        if (Encoding.UTF8.GetByteCount(layout.Socket) > MaxSocketPathBytes)
        {
            layout.Delete();
            throw new LocalMariaDbException(
                $"The unix socket path '{layout.Socket}' is longer than {MaxSocketPathBytes} bytes; " +
                "set TMPDIR to a shorter directory such as /tmp.");
        }
        return layout;
    }

    /// <summary>mariadbd refuses to run as root unless told to, and only root may pass --user.</summary>
    private static string[] UserOption => Environment.UserName == "root" ? ["--user=root"] : [];

    /// <summary>Arguments for mariadb-install-db; --no-defaults must come first so /etc/mysql is ignored.</summary>
    public IEnumerable<string> InstallArguments() =>
    [
        "--no-defaults", .. UserOption, $"--datadir={Data}", $"--tmpdir={Temp}",
        "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
        $"--extra-file={InitSql}", .. InnoDbSizing,
    ];

    /// <summary>Arguments for mariadbd; it listens on loopback TCP and on a socket inside the private dir only.</summary>
    public IEnumerable<string> ServerArguments(int port) =>
    [
        "--no-defaults", .. UserOption, $"--datadir={Data}", $"--tmpdir={Temp}", $"--socket={Socket}",
        $"--port={port}", "--bind-address=127.0.0.1", "--skip-name-resolve",
        $"--pid-file={PidFile}", $"--log-error={ErrorLog}", .. InnoDbSizing, "--skip-log-bin",
        // A throwaway server needs no durability (as the PostgreSQL sandbox runs with fsync=off): no flush per commit.
        "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0",
        // Nothing worth keeping in the buffer pool of a throwaway server: skip the dump/load work.
        "--innodb-buffer-pool-load-at-startup=0", "--innodb-buffer-pool-dump-at-shutdown=0",
        // Match the Debian/Ubuntu packaged default instead of the upstream latin1 default.
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
    ];

    /// <summary>Client arguments that reach the server through its unix socket as root.</summary>
    public IEnumerable<string> SocketClientArguments(string sql) =>
        ["--no-defaults", $"--socket={Socket}", "--user=root", "--connect-timeout=5", "--batch",
         "--skip-column-names", "--execute", sql];

    /// <summary>Current size of the error log, so a later read can look at one attempt only.</summary>
    public long ErrorLogLength() => File.Exists(ErrorLog) ? new FileInfo(ErrorLog).Length : 0;

    /// <summary>The error log from <paramref name="offset"/> on; empty if it is missing or unreadable.</summary>
    public string ReadErrorLog(long offset = 0)
    {
        try
        {
            using var stream = new FileStream(ErrorLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Writes a file only this user can read; it briefly holds the password.</summary>
    public void WritePrivateFile(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        // No BOM: the bootstrap SQL parser would choke on it.
        using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
        writer.Write(contents);
    }

    /// <summary>Removes the directory, retrying briefly because a just-killed server may still be closing files.</summary>
    public void Delete()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                    Directory.Delete(Root, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
