using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Tool.Commands;

/// <summary><c>keygen --out KEY.pem</c>: a signing key pair, the private half readable by its owner only.</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { HelpName = "KEY.pem", Description = "The private key file to write; the public key goes beside it as NAME.pub.pem.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("keygen", "Create an ECDSA P-256 key pair for signing bundles: KEY.pem (private, owner-only) and KEY.pub.pem (public).")
        {
            output, force,
        };
        command.SetBody((parse, reporter) =>
        {
            var privatePath = parse.GetValue(output)!;
            var publicPath = PublicKeyPath(privatePath);
            foreach (var path in new[] { privatePath, publicPath })
            {
                if (File.Exists(path) && !parse.GetValue(force))
                    throw new DiagnosticException(Problems.OutputExists(path));
            }
            using var key = SigningKey.Generate();
            FileWrites.Run(() =>
            {
                WritePrivate(privatePath, key.ExportPrivatePem());
                try
                {
                    File.WriteAllText(publicPath, key.ExportPublicPem() + "\n");
                }
                catch
                {
                    File.Delete(privatePath); // a private key without its public half is of no use to anyone
                    throw;
                }
            });
            reporter.Line($"private key: {privatePath} (keep it secret; store it as a CI secret)");
            reporter.Line($"public key:  {publicPath} (give it to deployers: --trusted-key {publicPath})");
            reporter.Line($"key id:      {key.KeyId}");
            return reporter.Finish(ExitCodes.Done, new KeygenJson(Path.GetFullPath(privatePath), Path.GetFullPath(publicPath), key.KeyId));
        });
        return command;
    }

    /// <summary><c>key.pem</c> → <c>key.pub.pem</c>; any other name gets <c>.pub.pem</c> appended.</summary>
    public static string PublicKeyPath(string privatePath) =>
        privatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) ? privatePath[..^4] + ".pub.pem" : privatePath + ".pub.pem";

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new StreamWriter(path, options))
            stream.Write(pem + "\n");
        // UnixCreateMode applies only to new files; an overwritten file keeps its mode unless set again.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

internal sealed record KeygenJson(string PrivateKey, string PublicKey, string KeyId);
