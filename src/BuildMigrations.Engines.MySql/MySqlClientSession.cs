using System.Diagnostics;
using System.Threading.Channels;

namespace BuildMigrations.Engines.MySql;

/// <summary>What one statement sent through the client produced.</summary>
internal sealed record MySqlResult(IReadOnlyList<string[]> Rows, string? Error);

/// <summary>
/// One long-lived session of the official command-line client (the way Sqitch drives it). Statements go to its
/// standard input with a private delimiter; after each, the client runs <c>\! echo MARK</c> on both output
/// streams, so rows and errors are read up to the mark and belong to that statement. The session holds the
/// deploy lock (GET_LOCK) for as long as it lives.
/// </summary>
/// <remarks>
/// The client runs under a watchdog shell: if this process dies (even by SIGKILL), the watchdog kills the client
/// and issues KILL for its connection, because the server would otherwise keep the session (and the lock) until
/// the running statement ends. The password is in an owner-only option file, never on a command line.
/// </remarks>
internal sealed class MySqlClientSession : IAsyncDisposable
{
    private const string Delimiter = "~~BM~~";
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();
    private readonly string _workDirectory;
    private int _marks;

    private MySqlClientSession(Process process, string workDirectory)
    {
        _process = process;
        _workDirectory = workDirectory;
        _ = PumpAsync(process.StandardOutput, _stdout.Writer);
        _ = PumpAsync(process.StandardError, _stderr.Writer);
    }

    public static async Task<MySqlClientSession> StartAsync(MySqlClientOptions options, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("bm-mysql-").FullName;
        var optionFile = Path.Combine(work, "client.cnf");
        var idFile = Path.Combine(work, "connection-id");
        await File.WriteAllTextAsync(optionFile, "", cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(optionFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(optionFile, options.OptionFile(), cancellationToken);

        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(WatchdogScript);
        start.ArgumentList.Add("bm-mysql");
        foreach (var arg in new[] { options.Client, optionFile, idFile, work, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), options.Database })
            start.ArgumentList.Add(arg);
        start.Environment["LC_ALL"] = "C";
        var session = new MySqlClientSession(Process.Start(start)!, work);

        MySqlResult id;
        try
        {
            await session.SendAsync($"DELIMITER {Delimiter}\n", cancellationToken);
            id = await session.ExecuteAsync("SELECT CONNECTION_ID()", cancellationToken);
        }
        catch (MySqlSessionEndedException e)
        {
            id = new MySqlResult([], e.Message);
        }
        if (id.Error is not null || id.Rows.Count == 0)
        {
            var problem = id.Error ?? "the client ended without connecting";
            await session.DisposeAsync();
            throw new Core.Diagnostics.DiagnosticException(DeployProblems.CannotConnect(problem));
        }
        await File.WriteAllTextAsync(idFile, id.Rows[0][0], cancellationToken);
        return session;
    }

    // $1 client, $2 option file, $3 connection-id file, $4 work dir, $5 owner pid, $6 database.
    // A background job's stdin is /dev/null in sh: the client gets ours through descriptor 3.
    private const string WatchdogScript = """
        exec 3<&0
        "$1" --defaults-file="$2" --batch --raw --skip-column-names --force --unbuffered --database="$6" <&3 &
        client=$!
        (
          while kill -0 "$5" 2>/dev/null && kill -0 "$client" 2>/dev/null; do sleep 0.2; done
          if kill -0 "$client" 2>/dev/null; then
            kill -9 "$client" 2>/dev/null
            id=$(cat "$3" 2>/dev/null)
            [ -n "$id" ] && "$1" --defaults-file="$2" --batch -e "KILL $id" >/dev/null 2>&1
          fi
          rm -rf "$4"
        ) </dev/null >/dev/null 2>&1 &
        wait "$client"
        """;

    /// <summary>Runs one statement; its rows (tab-separated columns) or the client's error for it.</summary>
    public async Task<MySqlResult> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var mark = $"BM-MARK-{++_marks}";
        await SendAsync($"{sql}\n{Delimiter}\n\\! echo {mark}; echo {mark} 1>&2\n", cancellationToken);
        var rows = new List<string[]>();
        await foreach (var line in ReadUntilAsync(_stdout.Reader, mark, cancellationToken))
            rows.Add(line.Split('\t'));
        var errors = new List<string>();
        await foreach (var line in ReadUntilAsync(_stderr.Reader, mark, cancellationToken))
        {
            if (line.StartsWith("ERROR ", StringComparison.Ordinal))
                errors.Add(MySqlErrors.WithoutStreamLine(line));
        }
        return new MySqlResult(rows, errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private async IAsyncEnumerable<string> ReadUntilAsync(ChannelReader<string> reader, string mark, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await reader.WaitToReadAsync(cancellationToken))
                throw new MySqlSessionEndedException(DrainErrors());
            var line = await reader.ReadAsync(cancellationToken);
            if (line == mark)
                yield break;
            yield return line;
        }
    }

    /// <summary>What the client said on stderr before it ended: its error, if it printed one.</summary>
    private string DrainErrors()
    {
        var lines = new List<string>();
        while (_stderr.Reader.TryRead(out var line))
            lines.Add(line);
        var error = lines.FirstOrDefault(l => l.StartsWith("ERROR ", StringComparison.Ordinal));
        return error is null ? "the client session ended" + (lines.Count > 0 ? ": " + string.Join(" ", lines) : "") : MySqlErrors.WithoutStreamLine(error);
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            throw new MySqlSessionEndedException(DrainErrors());
        }
    }

    private static async Task PumpAsync(StreamReader source, ChannelWriter<string> target)
    {
        while (await source.ReadLineAsync() is { } line)
            await target.WriteAsync(line);
        target.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // the client exits at end of input; the watchdog then cleans up
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // the watchdog removed it already
        }
    }
}

/// <summary>The client session ended (connection lost, server gone, or the client could not start).</summary>
internal sealed class MySqlSessionEndedException(string message) : System.Data.Common.DbException(message);
