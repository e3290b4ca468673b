using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>Mattermost's 158 PostgreSQL migrations (golang-migrate names, DO $$ blocks, CONCURRENTLY) through the tool.</summary>
public sealed class MattermostCorpusTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [CorpusFact("mattermost/postgres")]
    public async Task Builds_deploys_and_rolls_back_to_empty_except_where_upstream_downs_are_broken()
    {
        // The copy lost upstream's "-- morph:nontransactional" lines: mark the CONCURRENTLY files again.
        Corpora.CopyTo("mattermost/postgres", _dir["migrations"], (_, text) =>
            text.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase) ? "-- migration: no-transaction\n" + text : text);
        var database = await server.CreateDatabaseAsync();

        var build = ToolRunner.Run(_dir.Path, "build", "migrations", "--engine", "postgresql", "--name", "Mattermost", "--version", "1.0.0", "--out", "mm.mbundle");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("158 migrations", build.Stdout);

        var deploy = ToolRunner.Run(_dir.Path, "deploy", "mm.mbundle", "-c", server.Url(database));
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("applied 158 migrations", deploy.Stdout);
        Assert.True(await server.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 50);

        var rollback = ToolRunner.Run(_dir.Path, "rollback", "mm.mbundle", "-c", server.Url(database), "--all");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("reverted 158 migrations", rollback.Stdout);

        // Upstream's downs leave exactly these: 000010 drops "groupchanels" and 000043 "theadmemberships"
        // (typos), and 000015's down is empty. Everything else is gone.
        var left = await server.ScalarAsync<string>(database,
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration_history'");
        Assert.Equal("groupchannels,systems,threadmemberships", left);

        var status = ToolRunner.Run(_dir.Path, "status", "mm.mbundle", "-c", server.Url(database));
        Assert.Contains("0 applied, 158 pending, 0 failed", status.Stdout);
    }
}
