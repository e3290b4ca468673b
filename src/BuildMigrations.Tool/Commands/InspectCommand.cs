using System.CommandLine;
using BuildMigrations.Core.Bundles;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>inspect BUNDLE</c>: the manifest, the hashes and the signer.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var bundleArgument = new Argument<string>("BUNDLE") { Description = "The .mbundle file." };
        var command = new Command("inspect", "Show what a bundle holds: its migrations in order, their hashes, and its signer. Refuses a tampered bundle.")
        {
            bundleArgument,
        };
        command.SetBody((parse, reporter) =>
        {
            var path = parse.GetValue(bundleArgument)!;
            var bundle = BundleReader.ReadFile(path);
            BundleTrust.Require(bundle, CommonOptions.TrustedKeysFrom(parse, option: null), path);
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
            return reporter.Finish(ExitCodes.Done, new
            {
                Bundle = Path.GetFullPath(path),
                bundle.Digest,
                Signer = bundle.Signature?.KeyId,
                Manifest = m,
            });
        });
        return command;
    }
}
