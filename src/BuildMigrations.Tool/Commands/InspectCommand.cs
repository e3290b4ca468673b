using System.CommandLine;
using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>inspect BUNDLE</c>: the manifest, the hashes and the signer.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var input = new BundleInput("The bundle to show");
        var command = new Command("inspect", "Show what a bundle holds: its migrations in order, their hashes, and its signer. Refuses a tampered bundle.");
        input.AddTo(command);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            var source = await input.ReadAsync(parse, CommonOptions.TrustedKeysFrom(parse, option: null), cancellationToken);
            var bundle = source.Bundle;
            var m = bundle.Manifest;
            reporter.Line($"{m.Name} {m.Version} ({m.Engine}), format {m.FormatVersion}, made by {m.Tool}");
            if (m.SourceRevision is not null)
                reporter.Line($"source revision: {m.SourceRevision}");
            reporter.Line($"digest: sha256:{bundle.Digest}");
            reporter.Line(bundle.Signature is null ? "signature: none" : $"signature: {BundleSignature.Algorithm} by key {bundle.Signature.KeyId}");
            reporter.Line();
            reporter.Line($"{m.Migrations.Count} migration{(m.Migrations.Count == 1 ? "" : "s")}:");
            foreach (var migration in m.Migrations)
            {
                var notes = new List<string>();
                if (!migration.Transactional)
                    notes.Add("no-transaction");
                if (migration.Irreversible is not null)
                    notes.Add($"irreversible: {migration.Irreversible}");
                reporter.Line($"  {migration.Name}{(notes.Count > 0 ? $"  [{string.Join("; ", notes)}]" : "")}");
                foreach (var script in migration.Scripts)
                    reporter.Line($"    {script.Path}  sha256:{script.Sha256}");
            }
            return reporter.Finish(ExitCodes.Done, new InspectJson(source.Origin, bundle.Digest, bundle.Signature?.KeyId, m));
        });
        return command;
    }
}

internal sealed record InspectJson(string Bundle, string Digest, string? Signer, BundleManifest Manifest);
