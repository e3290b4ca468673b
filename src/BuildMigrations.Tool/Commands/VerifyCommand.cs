using System.CommandLine;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>verify BUNDLE [--trusted-key PUB]...</c>: integrity and signature, no database.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var input = new BundleInput("The bundle to check");
        var trusted = CommonOptions.TrustedKeys();
        var command = new Command("verify", "Check a bundle's integrity and signature without touching a database. Exit 3 when refused.");
        input.AddTo(command);
        command.Add(trusted);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            var keys = CommonOptions.TrustedKeysFrom(parse, trusted);
            var bundle = (await input.ReadAsync(parse, keys, cancellationToken)).Bundle;
            var m = bundle.Manifest;
            var signature = bundle.Signature is null
                ? "unsigned"
                : keys.Count > 0 ? $"signed by trusted key {bundle.Signature.KeyId}" : $"signed by key {bundle.Signature.KeyId} (no --trusted-key given, signer not checked against one)";
            reporter.Line($"OK: {m.Name} {m.Version}, {m.Migrations.Count} migrations, every entry matches bundle.json, {signature}");
            return reporter.Finish(ExitCodes.Done, new VerifyJson(Verified: true, bundle.Digest, bundle.Signature?.KeyId, SignerTrusted: keys.Count > 0));
        });
        return command;
    }
}

internal sealed record VerifyJson(bool Verified, string Digest, string? Signer, bool SignerTrusted);
