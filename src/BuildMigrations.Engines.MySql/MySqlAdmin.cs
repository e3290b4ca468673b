using BuildMigrations.Engines.Connections;

namespace BuildMigrations.Engines.MySql;

/// <summary>One-off administrative statements (CREATE/DROP DATABASE) through a short client session.</summary>
public static class MySqlAdmin
{
    /// <summary>Runs <paramref name="sql"/> connected to <paramref name="target"/>; throws with the server's error.</summary>
    public static async Task ExecuteAsync(ConnectionTarget target, string sql, CancellationToken cancellationToken)
    {
        await using var session = await MySqlClientSession.StartAsync(MySqlClientOptions.From(target), cancellationToken);
        var result = await session.ExecuteAsync(sql, cancellationToken);
        if (result.Error is not null)
            throw new MySqlCommandException(result.Error);
    }
}
