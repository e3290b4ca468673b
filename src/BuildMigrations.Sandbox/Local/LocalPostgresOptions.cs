namespace BuildMigrations.Sandbox.Local;

/// <summary>Settings for <see cref="LocalPostgresServer.StartAsync"/>.</summary>
/// <param name="BinDirectory">
/// Directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. When null, the environment variable
/// <c>MIGRATIONS_TEST_POSTGRES_BIN</c> is used, else <c>/usr/lib/postgresql/15/bin</c>,
/// else the newest <c>/usr/lib/postgresql/*/bin</c>.
/// </param>
/// <param name="StartTimeout">
/// How long each start-up step (creating the cluster, starting the server, waiting for it to accept
/// connections) may take. Defaults to 60 seconds.
/// </param>
public sealed record LocalPostgresOptions(string? BinDirectory = null, TimeSpan? StartTimeout = null);
