using BuildMigrations.Core.Configuration;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Integrity;
using BuildMigrations.Core.Lint;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Bundles;

/// <summary>What a build does with migrations.sum.</summary>
public enum SumPolicy
{
    /// <summary>Local build: create it, append new migrations, rewrite it (with warnings) when recorded ones changed.</summary>
    Maintain,

    /// <summary>CI build: never write it; a missing or stale file is an error.</summary>
    Enforce,

    /// <summary>Outside MSBuild: never write into the source folder; check the file only when there is one.</summary>
    EnforceIfPresent,
}

/// <summary>Everything a build needs: the folder, how to read it, the bundle's identity, the output, the signing key.</summary>
/// <param name="MigrationsDirectory">The folder, as shown in diagnostics.</param>
/// <param name="Folder">How its files are named, and warnings silenced for the project.</param>
/// <param name="Identity">Name, version, engine, source revision.</param>
/// <param name="OutputFile">Where the bundle goes.</param>
/// <param name="Sum">What to do with migrations.sum.</param>
/// <param name="SigningKey">Signs the bundle when given (the caller owns and disposes it).</param>
/// <param name="WarningsAsErrors">Warning codes that fail the build (MSBuild's WarningsAsErrors).</param>
public sealed record BundleCompilation(
    string MigrationsDirectory,
    MigrationFolderOptions Folder,
    BundleIdentity Identity,
    string OutputFile,
    SumPolicy Sum,
    SigningKey? SigningKey = null,
    IReadOnlyCollection<string>? WarningsAsErrors = null);

/// <summary>What a build found and wrote.</summary>
/// <param name="Diagnostics">Every problem, warnings already filtered by NoWarn.</param>
/// <param name="Bundle">The full path of the written bundle; null when an error stopped the build.</param>
/// <param name="Migrations">How many migrations the bundle holds.</param>
/// <param name="SumWritten">True when migrations.sum was created or updated.</param>
public sealed record BundleCompilationResult(IReadOnlyList<Diagnostic> Diagnostics, string? Bundle, int Migrations, bool SumWritten)
{
    public bool Succeeded => Bundle is not null;
}

/// <summary>
/// The one build pipeline behind <c>dotnet build</c> and <c>dotnet migrate-bundle build</c>: validate the folder,
/// apply the migrations.sum policy, build the bundle, sign it, and write it. Nothing is written on an error.
/// </summary>
public static class BundleCompiler
{
    public static BundleCompilationResult Compile(BundleCompilation request)
    {
        var (folder, diagnostics, severities) = Validate(request.MigrationsDirectory, request.Folder, request.Identity.Engine, request.WarningsAsErrors);
        if (diagnostics.HasErrors())
            return new(diagnostics, null, 0, false);

        var sumWritten = false;
        if (CheckSum(request.MigrationsDirectory, folder, request.Sum) is { } sum)
        {
            diagnostics.AddRange(severities.Apply(sum.Diagnostics));
            if (diagnostics.HasErrors())
                return new(diagnostics, null, 0, false);
            if (sum.TextToWrite is not null)
            {
                File.WriteAllText(Path.Join(request.MigrationsDirectory, SumFile.FileName), sum.TextToWrite);
                sumWritten = true;
            }
        }

        var content = BundleBuilder.Build(folder.Migrations, request.Identity);
        if (request.SigningKey is not null)
            content = BundleSigner.Sign(content, request.SigningKey);
        var path = Path.GetFullPath(request.OutputFile);
        BundleWriter.WriteFile(content, path);
        return new(diagnostics, path, folder.Migrations.Migrations.Count, sumWritten);
    }

    /// <summary>
    /// The build's checks without building (what <c>dotnet migrate-bundle lint</c> runs): the folder, the engine's
    /// script checks, migrations.sum when there is one (as a CI build checks it, writing nothing) and the lint rules,
    /// with severities from .editorconfig, <paramref name="warningsAsErrors"/> and NoWarn.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(string migrationsDirectory, MigrationFolderOptions options, string engine, IReadOnlyCollection<string>? warningsAsErrors = null)
    {
        var (folder, diagnostics, severities) = Validate(migrationsDirectory, options, engine, warningsAsErrors);
        if (folder.Succeeded && CheckSum(migrationsDirectory, folder, SumPolicy.EnforceIfPresent) is { } sum)
            diagnostics.AddRange(severities.Apply(sum.Diagnostics));
        return diagnostics.InReadingOrder();
    }

    /// <summary>migrations.sum checked against the folder under <paramref name="policy"/>; null when there is none to check.</summary>
    private static Integrity.SumCheckResult? CheckSum(string directory, MigrationFolderResult folder, SumPolicy policy)
    {
        var sumFile = Path.Join(directory, SumFile.FileName);
        var recorded = File.Exists(sumFile) ? File.ReadAllText(sumFile) : null;
        return recorded is null && policy == SumPolicy.EnforceIfPresent
            ? null
            : SumCheck.Run(sumFile, recorded, folder.Migrations, strict: policy != SumPolicy.Maintain);
    }

    private static (MigrationFolderResult Folder, List<Diagnostic> Diagnostics, SeverityPolicy Severities) Validate(
        string directory, MigrationFolderOptions options, string engine, IReadOnlyCollection<string>? warningsAsErrors)
    {
        var severities = new SeverityPolicy(warningsAsErrors, options.NoWarn);
        var folder = MigrationFolder.Read(directory, options);
        if (!folder.Succeeded)
            return (folder, [.. folder.Diagnostics], severities);
        string Display(string relative) => Path.Join(directory, relative);
        var found = folder.Diagnostics
            .Concat(Sql.ScriptChecks.Run(folder.Migrations, engine, Display))
            .Concat(MigrationLinter.Run(folder.Migrations, engine, Display));
        // Lint findings and WarningsAsErrors follow the .NET severity conventions (.editorconfig, NoWarn).
        return (folder, [.. severities.Apply(found).InReadingOrder()], severities);
    }
}
