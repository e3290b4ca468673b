using System.CommandLine;
using BuildMigrations.Engines;
using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Tool.Commands;

/// <summary>The options of every command that talks to a database.</summary>
internal sealed class DatabaseOptions
{
    /// <summary>
    /// Whether the command may create a database that does not exist yet (a SQLite file): deploy and baseline. The
    /// others read a missing one as empty and leave nothing behind.
    /// </summary>
    public bool CreatesDatabase { get; init; }

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        HelpName = "CONN",
        Description = $"The database: a URL (postgresql://user:pass@host:5432/db), an ADO.NET connection string, or env:NAME. Default: ${ConnectionTarget.DefaultVariable}.",
    };

    public Option<string> HistoryTable { get; } = new("--history-table")
    {
        HelpName = "[SCHEMA.]TABLE",
        Description = "The table that records applied migrations (the audit trail).",
        DefaultValueFactory = _ => HistoryTableName.DefaultTable,
    };

    public Option<string> LockTimeout { get; } = new("--lock-timeout")
    {
        HelpName = "DURATION",
        Description = "How long to wait for another deployer before giving up with exit code 4 (30s, 5m, 1h).",
        DefaultValueFactory = _ => "5m",
    };

    public Option<string[]> TrustedKeys { get; } = CommonOptions.TrustedKeys();

    /// <summary>Adds the options; <paramref name="changesDatabase"/> adds the lock timeout.</summary>
    public void AddTo(Command command, bool changesDatabase, bool readsBundle)
    {
        command.Add(Connection);
        command.Add(HistoryTable);
        if (changesDatabase)
            command.Add(LockTimeout);
        if (readsBundle)
            command.Add(TrustedKeys);
    }
}
