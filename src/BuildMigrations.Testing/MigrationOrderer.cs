using BuildMigrations.Core.Model;
using Xunit.Sdk;
using Xunit.v3;

namespace BuildMigrations.Testing;

/// <summary>
/// Runs the per-migration test first, its cases in version order, then the whole-bundle tests: the proofs walk one
/// database in that order (see ProofWalk), and the output reads in the order the migrations apply. xUnit v3 orders
/// a class's methods and each method's cases separately, so this is both orderers.
/// </summary>
public sealed class MigrationOrderer : ITestCaseOrderer, ITestMethodOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, ITestCase =>
        testCases
            .Select(test => (Test: test, Version: VersionOf(test)))
            .OrderBy(t => t.Version is null)
            .ThenBy(t => t.Version)
            .ThenBy(t => t.Test.TestCaseDisplayName, StringComparer.Ordinal)
            .Select(t => t.Test)
            .ToList();

    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods) where TTestMethod : notnull, ITestMethod =>
        testMethods
            .OrderBy(method => method is IXunitTestMethod { Parameters.Count: > 0 } ? 0 : 1)
            .ThenBy(method => method?.MethodName, StringComparer.Ordinal)
            .ToList();

    private static MigrationVersion? VersionOf(ITestCase test) =>
        test.TestMethod is IXunitTestMethod { TestMethodArguments: [string name, ..] } ? MigrationVersion.TryParse(name.Split('_')[0]) : null;
}
