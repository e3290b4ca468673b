using BuildMigrations.Core.Model;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BuildMigrations.Testing;

/// <summary>
/// Runs the per-migration tests in version order, then the whole-bundle tests: the proofs walk one database in that
/// order (see ProofWalk), and the output reads in the order the migrations apply.
/// </summary>
public sealed class MigrationOrderer : ITestCaseOrderer
{
    public const string TypeName = "BuildMigrations.Testing.MigrationOrderer";
    public const string AssemblyName = "BuildMigrations.Testing";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases
            .Select(test => (Test: test, Version: VersionOf(test)))
            .OrderBy(t => t.Version is null)
            .ThenBy(t => t.Version)
            .ThenBy(t => t.Test.DisplayName, StringComparer.Ordinal)
            .Select(t => t.Test);

    private static MigrationVersion? VersionOf(ITestCase test) =>
        test.TestMethodArguments is [string name, ..] ? MigrationVersion.TryParse(name.Split('_')[0]) : null;
}
