namespace BuildMigrations.Core.Diagnostics;

/// <summary>BM4xxx: the arguments of a fleet deploy (<c>--targets</c>, <c>--shard</c>).</summary>
public static partial class Problems
{
    public static Diagnostic InvalidShard(string text, string detail) =>
        Error("BM4007", $"--shard '{text}' {detail}; write I/N with N >= 1 and 0 <= I <= N (1/2 and 2/2, or 0/2 and 1/2: I counts modulo N)");

    public static Diagnostic TargetsFileUnusable(string file, string detail) =>
        Error("BM4008", $"the targets file cannot be used: {detail}; list one connection per line (a URL, a connection string or env:NAME), '#' starts a comment line", file);
}
