using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>sign BUNDLE --key KEY.pem [--out F]</c>: signs a bundle after build.</summary>
internal static class SignCommand
{
    public const string KeyVariable = "MIGRATE_BUNDLE_SIGNING_KEY";

    public static Command Create()
    {
        var input = new BundleInput("The bundle to sign");
        var keyOption = new Option<string?>("--key") { HelpName = "KEY.pem", Description = $"The private key (PEM file). Default: the PEM text in {KeyVariable}." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Where to write the signed bundle. Default: replace BUNDLE (required when BUNDLE is a package)." };
        var command = new Command("sign", "Sign a bundle (after checking its integrity); replaces any earlier signature.")
        {
            keyOption, output,
        };
        input.AddTo(command);
        command.SetBody(async (parse, reporter, cancellationToken) =>
        {
            using var key = LoadKey(parse.GetValue(keyOption));
            var source = await input.ReadAsync(parse, trusted: null, cancellationToken);
            var bundle = source.Bundle;
            // A signed bundle cannot go back into a package (that would change the package): it is written beside.
            var target = parse.GetValue(output) ?? source.BundleFile
                ?? throw new DiagnosticException(Problems.InvalidArgument($"'{source.Display}' is inside a package: pass --out FILE.mbundle for the signed bundle"));
            BundleWriter.WriteFile(BundleSigner.Sign(bundle.Content, key), target);
            reporter.Line($"signed {target} with key {key.KeyId}");
            return reporter.Finish(ExitCodes.Done, new SignJson(Path.GetFullPath(target), key.KeyId));
        });
        return command;
    }

    private static SigningKey LoadKey(string? file)
    {
        if (file is not null)
            return SigningKey.FromFile(file);
        var pem = Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(pem))
            throw new DiagnosticException(Problems.InvalidArgument($"no key: pass --key KEY.pem or set {KeyVariable} to the PEM text"));
        return SigningKey.FromPem(pem, KeyVariable);
    }
}

internal sealed record SignJson(string Bundle, string Signer);
