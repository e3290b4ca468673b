using System.Text;

namespace BuildMigrations.Core.Bundles;

/// <summary>A bundle that passed every integrity check: its manifest, its bytes, and its signature if signed.</summary>
public sealed class LoadedBundle
{
    private readonly Dictionary<string, byte[]> _scripts;

    internal LoadedBundle(BundleManifest manifest, BundleContent content, BundleSignature? signature)
    {
        Manifest = manifest;
        Content = content;
        Signature = signature;
        Digest = Sources.ScriptText.Sha256(content.Manifest);
        _scripts = content.Scripts.ToDictionary(s => s.Path, s => s.Content, StringComparer.Ordinal);
    }

    public BundleManifest Manifest { get; }

    public BundleContent Content { get; }

    /// <summary>Null when the bundle is unsigned.</summary>
    public BundleSignature? Signature { get; }

    /// <summary>Hex SHA-256 of bundle.json: identifies exactly this bundle (what is signed).</summary>
    public string Digest { get; }

    /// <summary>The text of a script listed in the manifest.</summary>
    public string ScriptText(BundleScript script) => Encoding.UTF8.GetString(_scripts[script.Path]);
}
