using System.Globalization;
using BuildMigrations.Engines.History;
using static BuildMigrations.Engines.MySql.MySqlLiteral;

namespace BuildMigrations.Engines.MySql;

/// <summary>Reads history rows from the client's tab-separated output of <see cref="MySqlHistorySql.Select"/>.</summary>
internal static class MySqlHistoryRows
{
    public static HistoryRecord Read(string[] c)
    {
        string? Plain(int i) => c[i] == "NULL" ? null : c[i];
        DateTimeOffset? Time(int i) => c[i] == "NULL" ? null : new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(c[i], CultureInfo.InvariantCulture), DateTimeKind.Utc));
        return new HistoryRecord
        {
            Id = long.Parse(c[0], CultureInfo.InvariantCulture),
            Version = FromHex(c[1])!,
            Description = FromHex(c[2])!,
            Direction = Enum.Parse<HistoryDirection>(c[3], ignoreCase: true),
            Status = Enum.Parse<HistoryStatus>(c[4], ignoreCase: true),
            Checksum = Plain(5),
            Transactional = c[6] == "1",
            StartedAt = Time(7)!.Value,
            FinishedAt = Time(8),
            Error = FromHex(c[9]),
            FailedStatement = FromHex(c[10]),
            FailedLine = c[11] == "NULL" ? null : int.Parse(c[11], CultureInfo.InvariantCulture),
            BundleName = FromHex(c[12]),
            BundleVersion = FromHex(c[13]),
            BundleDigest = Plain(14),
            SignerKeyId = Plain(15),
            DatabaseUser = FromHex(c[16]),
            OsUser = FromHex(c[17]),
            Host = FromHex(c[18]),
            CiRunId = FromHex(c[19]),
            ToolVersion = FromHex(c[20]),
        };
    }
}
