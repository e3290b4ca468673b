using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Configuration;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Integrity;
using BuildMigrations.Core.Model;
using BuildMigrations.Core.Sources;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BuildMigrations.Tasks;

/// <summary>
/// Validates the migrations folder, keeps migrations.sum (locally) or enforces it (CI), and writes the bundle,
/// signed when a key is given. All logic is Core's; this maps properties in and diagnostics out.
/// </summary>
public sealed class BuildMigrationBundle : Microsoft.Build.Utilities.Task
{
    /// <summary>The environment variable holding a signing key's PEM text (a CI secret). Read here, never through
    /// a property, so the key never appears in logs or binlogs.</summary>
    public const string SigningKeyVariable = "MIGRATE_BUNDLE_SIGNING_KEY";

    [Required]
    public string MigrationsDirectory { get; set; } = "";

    [Required]
    public string ProjectFile { get; set; } = "";

    [Required]
    public string OutputFile { get; set; } = "";

    [Required]
    public string BundleName { get; set; } = "";

    [Required]
    public string BundleVersion { get; set; } = "";

    public string? Engine { get; set; }

    public string? Format { get; set; }

    public string? NoWarn { get; set; }

    /// <summary>Warning codes that fail the build (WarningsAsErrors).</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>Where to write every diagnostic of the build as SARIF 2.1.0 (MigrationsSarifLog); nothing when empty.</summary>
    public string? SarifLog { get; set; }

    public string? SourceRevision { get; set; }

    /// <summary>A PEM file with the signing key (BundleSigningKey).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>True on CI builds: migrations.sum is checked, never written.</summary>
    public bool Strict { get; set; }

    [Output]
    public string? Bundle { get; set; }

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (DiagnosticException e)
        {
            Log.Log(e.Diagnostic);
            return false;
        }
    }

    private bool Run()
    {
        if (string.IsNullOrWhiteSpace(Engine))
            throw new DiagnosticException(Problems.EngineNotSet(ProjectFile));
        var engine = EngineNames.Normalize(Engine) ?? throw new DiagnosticException(Problems.UnknownEngine(Engine!) with { File = ProjectFile });
        var format = MigrationFormats.Parse(Format, out var formatProblem) ?? throw new DiagnosticException(formatProblem! with { File = ProjectFile });
        var noWarn = SeverityPolicy.ParseList(NoWarn);

        using var key = SigningKeyOrNull();
        var result = BundleCompiler.Compile(new BundleCompilation(
            MigrationsDirectory,
            new MigrationFolderOptions(format, noWarn),
            new BundleIdentity(BundleName, BundleVersion, engine, string.IsNullOrWhiteSpace(SourceRevision) ? null : SourceRevision),
            OutputFile,
            Strict ? SumPolicy.Enforce : SumPolicy.Maintain,
            key,
            SeverityPolicy.ParseList(WarningsAsErrors)));
        Log.Log(result.Diagnostics);
        if (!string.IsNullOrWhiteSpace(SarifLog))
            Core.Sarif.SarifLog.WriteFile(SarifLog!, result.Diagnostics, Path.GetDirectoryName(ProjectFile)!, typeof(BuildMigrationBundle).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        if (result.SumWritten)
            Log.LogMessage(MessageImportance.Normal, $"updated {Path.Combine(MigrationsDirectory, SumFile.FileName)}");
        if (key is not null && result.Succeeded)
            Log.LogMessage(MessageImportance.Normal, $"signed with key {key.KeyId}");
        Bundle = result.Bundle;
        return result.Succeeded && !Log.HasLoggedErrors;
    }

    private SigningKey? SigningKeyOrNull()
    {
        if (!string.IsNullOrWhiteSpace(SigningKeyFile))
            return SigningKey.FromFile(SigningKeyFile!);
        var pem = Environment.GetEnvironmentVariable(SigningKeyVariable);
        return string.IsNullOrWhiteSpace(pem) ? null : SigningKey.FromPem(pem!, SigningKeyVariable);
    }
}
