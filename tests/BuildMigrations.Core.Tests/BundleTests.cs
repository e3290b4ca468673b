using System.Text;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Sources;

namespace BuildMigrations.Core.Tests;

public class BundleTests
{
    private static string Refusal(byte[] bundle, IReadOnlyCollection<TrustedKey>? trusted = null)
    {
        var refused = Assert.Throws<DiagnosticException>(() =>
        {
            var loaded = BundleReader.Read(bundle, "a.mbundle");
            BundleTrust.Require(loaded, trusted ?? [], "a.mbundle");
        });
        return refused.Diagnostic.Code;
    }

    [Fact]
    public void The_same_sources_give_byte_identical_bundles()
    {
        var first = TestBundles.Valid();
        Thread.Sleep(1100); // zip timestamps have 2 s resolution; a clock-based writer would differ now
        Assert.Equal(first, TestBundles.Valid());
    }

    [Fact]
    public void Crlf_and_bom_checkouts_give_the_same_bundle()
    {
        var lf = Folder.TwoMigrations;
        var windows = lf.Select(f => new SourceFile(f.Item1, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(f.Item2.Replace("\n", "\r\n"))])).ToList();
        var fromWindows = BundleBuilder.Build(MigrationFolder.Parse(windows, new()).Migrations, new BundleIdentity("Demo", "1.0.0", "postgresql"));
        Assert.Equal(TestBundles.Valid(), BundleWriter.ToBytes(fromWindows));
    }

    [Fact]
    public void Scripts_up_to_4_KiB_are_stored_and_larger_ones_deflated_and_all_read_back()
    {
        // Exactly the given number of UTF-8 bytes, and very compressible.
        static string Sized(int bytes) => "SELECT 1;\n--" + new string('x', bytes - 13) + "\n";
        var scripts = new[] { ("0001_small.up.sql", "CREATE TABLE t (id int);\n"), ("0002_at_limit.up.sql", Sized(4096)), ("0003_over_limit.up.sql", Sized(4097)) };
        var files = scripts.Select(f => new SourceFile(f.Item1, Encoding.UTF8.GetBytes(f.Item2))).ToList();
        var bytes = BundleWriter.ToBytes(BundleBuilder.Build(MigrationFolder.Parse(files, new()).Migrations, new BundleIdentity("Demo", "1.0.0", "postgresql")));

        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes)))
        {
            var entries = scripts.Select(f => zip.GetEntry("migrations/" + f.Item1)!).ToList();
            Assert.Equal([25, 4096, 4097], entries.Select(e => e.Length));
            Assert.Equal([true, true, false], entries.Select(e => e.CompressedLength == e.Length));
            Assert.True(entries[2].CompressedLength < 200, $"{entries[2].CompressedLength} bytes deflated");
        }
        var bundle = BundleReader.Read(bytes, "a.mbundle");
        Assert.Equal(scripts.Select(f => f.Item2), bundle.Manifest.Migrations.Select(m => bundle.ScriptText(m.Up)));
    }

    [Fact]
    public void Reads_back_the_manifest_and_scripts()
    {
        var bundle = BundleReader.Read(TestBundles.Valid(), "a.mbundle");
        Assert.Equal(("Demo", "1.0.0", "postgresql", 1), (bundle.Manifest.Name, bundle.Manifest.Version, bundle.Manifest.Engine, bundle.Manifest.FormatVersion));
        Assert.Equal(["0001_create_customers", "0002_add_orders"], bundle.Manifest.Migrations.Select(m => m.Name));
        var up = bundle.Manifest.Migrations[0].Up;
        Assert.Equal("migrations/0001_create_customers.up.sql", up.Path);
        Assert.Equal("CREATE TABLE customers (id int);\n", bundle.ScriptText(up));
        Assert.Equal(ScriptText.Sha256("CREATE TABLE customers (id int);\n"), up.Sha256);
        Assert.Null(bundle.Signature);
        Assert.StartsWith("BuildMigrations ", bundle.Manifest.Tool);
    }

    [Fact]
    public void A_signed_bundle_verifies_with_its_key_and_not_with_another()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var signed = BundleWriter.ToBytes(BundleSigner.Sign(TestBundles.Content(), key));

        var bundle = BundleReader.Read(signed, "a.mbundle");
        BundleTrust.Require(bundle, [TrustedKey.FromPem(key.ExportPublicPem(), "key.pub.pem")], "a.mbundle");
        Assert.Equal(key.KeyId, bundle.Signature!.KeyId);

        Assert.Equal("BM3013", Refusal(signed, [TrustedKey.FromPem(other.ExportPublicPem(), "other.pub.pem")]));
        Assert.Equal("BM3011", Refusal(TestBundles.Valid(), [TrustedKey.FromPem(key.ExportPublicPem(), "key.pub.pem")]));
    }

    [Fact]
    public void Signing_keeps_every_other_byte_and_the_signature_is_over_the_manifest()
    {
        using var key = SigningKey.Generate();
        var content = TestBundles.Content();
        var signed = BundleSigner.Sign(content, key);
        Assert.Equal(content.Manifest, signed.Manifest);
        Assert.True(BundleSignature.Read(signed.Signature!, "a").Matches(content.Manifest));
        Assert.False(BundleSignature.Read(signed.Signature!, "a").Matches([.. content.Manifest, (byte)' ']));
    }

    [Fact]
    public void Key_ids_are_sha256_of_the_public_key_info_and_survive_pem_round_trips()
    {
        using var key = SigningKey.Generate();
        using var reloaded = SigningKey.FromPem(key.ExportPrivatePem(), "key.pem");
        Assert.Equal(key.KeyId, reloaded.KeyId);
        Assert.Equal(ScriptText.Sha256(key.SubjectPublicKeyInfo), key.KeyId);
        Assert.Equal(key.KeyId, TrustedKey.FromPem(key.ExportPublicPem(), "pub").KeyId);
        Assert.Equal("BM4002", Assert.Throws<DiagnosticException>(() => SigningKey.FromPem("not a key", "x.pem")).Diagnostic.Code);
        Assert.Equal("BM4001", Assert.Throws<DiagnosticException>(() => SigningKey.FromPem(key.ExportPublicPem(), "x.pub.pem")).Diagnostic.Code);
    }

    [Fact]
    public void Changing_one_byte_of_any_entry_is_refused()
    {
        using var key = SigningKey.Generate();
        var signed = BundleWriter.ToBytes(BundleSigner.Sign(TestBundles.Content(), key));
        var entries = TestBundles.Entries(signed);
        for (var i = 0; i < entries.Count; i++)
        {
            var altered = entries.ToList();
            var content = altered[i].Content.ToArray();
            content[content.Length / 2] ^= 0x01;
            altered[i] = (altered[i].Name, content);
            var code = Refusal(TestBundles.Zip([.. altered]));
            Assert.True(code is "BM3003" or "BM3010" or "BM3012" or "BM3014", $"{entries[i].Name}: {code}");
        }
    }

    [Fact]
    public void An_edited_script_is_refused_naming_the_entry()
    {
        var entries = TestBundles.Entries(TestBundles.Valid());
        entries[1] = (entries[1].Name, Encoding.UTF8.GetBytes("DROP TABLE customers;\n"));
        var refused = Assert.Throws<DiagnosticException>(() => BundleReader.Read(TestBundles.Zip([.. entries]), "a.mbundle"));
        Assert.Equal("BM3010", refused.Diagnostic.Code);
        Assert.Contains(entries[1].Name, refused.Diagnostic.Message);
    }

    [Fact]
    public void An_added_entry_is_refused() =>
        Assert.Equal("BM3008", Refusal(TestBundles.Zip([.. TestBundles.Entries(TestBundles.Valid()), ("migrations/0003_evil.up.sql", "DROP TABLE customers;"u8.ToArray())])));

    [Fact]
    public void A_missing_listed_entry_is_refused() =>
        Assert.Equal("BM3009", Refusal(TestBundles.Zip([.. TestBundles.Entries(TestBundles.Valid()).Take(2)])));

    [Fact]
    public void A_replaced_manifest_breaks_the_signature()
    {
        using var key = SigningKey.Generate();
        var signedEntries = TestBundles.Entries(BundleWriter.ToBytes(BundleSigner.Sign(TestBundles.Content(), key)));
        var otherManifest = TestBundles.Content(("0001_x.up.sql", "SELECT 1;"), ("0001_x.down.sql", "SELECT 2;"));
        var forged = TestBundles.Zip([("bundle.json", otherManifest.Manifest), .. otherManifest.Scripts.Select(s => (s.Path, s.Content)), signedEntries[^1]]);
        Assert.Equal("BM3012", Refusal(forged));
    }
}
