namespace BuildMigrations.Sandbox.Local;

/// <summary>Settings for <see cref="LocalMariaDbServer.StartAsync"/>; every value has a sensible default.</summary>
/// <param name="ServerPath">
/// Path of the <c>mariadbd</c> binary. Defaults to the <c>MIGRATIONS_TEST_MARIADBD</c> environment variable,
/// then <c>mariadbd</c> on PATH, then <c>/usr/sbin/mariadbd</c>.
/// </param>
/// <param name="InstallDbPath">
/// Path of <c>mariadb-install-db</c>. Defaults to the one next to the server, then PATH, then <c>/usr/bin</c>.
/// </param>
/// <param name="StartTimeout">How long install plus start may take before giving up. Defaults to 60 seconds.</param>
public sealed record LocalMariaDbOptions(
    string? ServerPath = null,
    string? InstallDbPath = null,
    TimeSpan? StartTimeout = null);
