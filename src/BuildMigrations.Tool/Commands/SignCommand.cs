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
        var bundleArgument = new Argument<string>("BUNDLE") { Description = "The .mbundle file." };
        var keyOption = new Option<string?>("--key") { HelpName = "KEY.pem", Description = $"The private key (PEM file). Default: the PEM text in {KeyVariable}." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Where to write the signed bundle. Default: replace BUNDLE." };
        var command = new Command("sign", "Sign a bundle (after checking its integrity); replaces any earlier signature.")
        {
            bundleArgument, keyOption, output,
        };
        command.SetBody((parse, reporter) =>
        {
            var path = parse.GetValue(bundleArgument)!;
            using var key = LoadKey(parse.GetValue(keyOption));
            var bundle = BundleReader.ReadFile(path);
            var target = parse.GetValue(output) ?? path;
            BundleWriter.WriteFile(BundleSigner.Sign(bundle.Content, key), target);
            reporter.Line($"signed {target} with key {key.KeyId}");
            return reporter.Finish(ExitCodes.Done, new { Bundle = Path.GetFullPath(target), Signer = key.KeyId });
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
