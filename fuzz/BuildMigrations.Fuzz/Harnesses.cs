namespace BuildMigrations.Fuzz;

/// <summary>
/// The fuzz targets by the name fuzz/run.sh takes. A harness returns normally for every outcome the code under
/// test documents (including its refusals), with a word on which one for replays, and throws for anything else,
/// which AFL records as a crash.
/// </summary>
internal static class Harnesses
{
    public static IReadOnlyDictionary<string, Func<byte[], string>> ByName { get; } = new Dictionary<string, Func<byte[], string>>(StringComparer.Ordinal)
    {
        ["bundle-reader"] = BundleReaderHarness.Run,
        ["sum-file"] = SumFileHarness.Run,
        ["file-names"] = FileNamesHarness.Run,
        ["postgresql-splitter"] = SplitterHarness.RunPostgreSql,
        ["mysql-splitter"] = SplitterHarness.RunMySql,
    };
}

/// <summary>An input broke a documented property of the code under test (not just a refusal): a crash for AFL.</summary>
internal sealed class PropertyViolatedException(string property) : Exception(property);

internal static class Expect
{
    public static void That(bool condition, string property)
    {
        if (!condition)
            throw new PropertyViolatedException(property);
    }
}
