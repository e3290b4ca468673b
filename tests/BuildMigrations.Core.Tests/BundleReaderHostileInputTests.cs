using System.Text;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Core.Diagnostics;

namespace BuildMigrations.Core.Tests;

public class BundleReaderHostileInputTests
{
    private static string Refusal(byte[] bytes, BundleLimits? limits = null) =>
        Assert.Throws<DiagnosticException>(() => BundleReader.Read(bytes, "hostile.mbundle", limits)).Diagnostic.Code;

    private static byte[] Manifest => TestBundles.Entries(TestBundles.Valid())[0].Content;

    [Fact]
    public void Empty_and_random_bytes_are_unreadable()
    {
        Assert.Equal("BM3001", Refusal([]));
        Assert.Equal("BM3001", Refusal(Encoding.UTF8.GetBytes("this is not a zip file at all")));
    }

    [Fact]
    public void Every_truncation_is_refused_with_a_code()
    {
        var valid = TestBundles.Valid();
        for (var length = 0; length < valid.Length; length += 7)
        {
            var code = Refusal(valid[..length]);
            Assert.StartsWith("BM3", code);
        }
    }

    [Theory]
    [InlineData("../evil.sql")]
    [InlineData("migrations/../../evil.sql")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.sql")]
    [InlineData("migrations\\..\\evil.sql")]
    [InlineData("migrations//x.sql")]
    public void Zip_slip_paths_are_refused(string path) =>
        Assert.Equal("BM3005", Refusal(TestBundles.Zip(("bundle.json", Manifest), (path, "x"u8.ToArray()))));

    [Fact]
    public void A_manifest_listing_an_unsafe_path_is_refused()
    {
        var manifest = Encoding.UTF8.GetString(Manifest).Replace("migrations/0001_create_customers.up.sql", "../0001_create_customers.up.sql");
        Assert.Equal("BM3005", Refusal(TestBundles.Zip(("bundle.json", Encoding.UTF8.GetBytes(manifest)))));
    }

    [Fact]
    public void Duplicate_entries_are_refused()
    {
        var entries = TestBundles.Entries(TestBundles.Valid());
        Assert.Equal("BM3007", Refusal(TestBundles.Zip([.. entries, entries[1]])));
        Assert.Equal("BM3007", Refusal(TestBundles.Zip([.. entries, (entries[1].Name.ToUpperInvariant(), entries[1].Content)])));
    }

    [Fact]
    public void Huge_declared_sizes_are_refused_before_reading()
    {
        Assert.Equal("BM3006", Refusal(TestBundles.WithDeclaredSize(TestBundles.Valid(), uint.MaxValue - 1)));
    }

    [Fact]
    public void An_entry_that_inflates_beyond_its_declared_size_is_refused()
    {
        var bomb = TestBundles.WithDeclaredSize(TestBundles.Zip(("bundle.json", new byte[100_000])), 10);
        Assert.StartsWith("BM300", Refusal(bomb));
    }

    [Fact]
    public void Limits_on_entries_and_totals_apply()
    {
        var tight = BundleLimits.Default with { MaxEntries = 2 };
        Assert.Equal("BM3006", Refusal(TestBundles.Valid(), tight));
        Assert.Equal("BM3006", Refusal(TestBundles.Valid(), BundleLimits.Default with { MaxTotalBytes = 100 }));
        Assert.Equal("BM3006", Refusal(TestBundles.Valid(), BundleLimits.Default with { MaxBundleBytes = 100 }));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"formatVersion\": \"1\"}")]
    [InlineData("{\"formatVersion\": 1}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"a\", \"version\": \"1\", \"engine\": \"oracle\", \"tool\": \"t\", \"sourceRevision\": null, \"migrations\": []}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"a\", \"version\": \"1\", \"engine\": \"sqlite\", \"tool\": \"t\", \"sourceRevision\": null, \"migrations\": {}}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"a\", \"version\": \"1\", \"engine\": \"sqlite\", \"tool\": \"t\", \"sourceRevision\": null, \"migrations\": [{\"version\": \"x\"}]}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"\", \"version\": \"1\", \"engine\": \"sqlite\", \"tool\": \"t\", \"sourceRevision\": null, \"migrations\": []}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void Malformed_manifests_are_refused(string json) =>
        Assert.Equal("BM3003", Refusal(TestBundles.Zip(("bundle.json", Encoding.UTF8.GetBytes(json)))));

    [Fact]
    public void Out_of_order_migrations_in_the_manifest_are_refused()
    {
        var manifest = Encoding.UTF8.GetString(Manifest).Replace("\"version\": \"0002\"", "\"version\": \"0000\"");
        Assert.Equal("BM3003", Refusal(TestBundles.Zip(("bundle.json", Encoding.UTF8.GetBytes(manifest)))));
    }

    [Fact]
    public void A_path_listed_twice_in_any_case_is_refused_naming_its_first_spelling()
    {
        var manifest = Encoding.UTF8.GetString(Manifest)
            .Replace("\"migrations/0002_add_orders.down.sql\"", "\"migrations/0001_CREATE_customers.up.sql\"");
        var refused = Assert.Throws<DiagnosticException>(() => BundleReader.Read(TestBundles.Zip(("bundle.json", Encoding.UTF8.GetBytes(manifest))), "hostile.mbundle"));
        Assert.Equal("BM3003", refused.Diagnostic.Code);
        Assert.Contains("the path 'migrations/0001_create_customers.up.sql' is listed twice", refused.Diagnostic.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_refused_with_its_own_code()
    {
        var manifest = Encoding.UTF8.GetString(Manifest).Replace("\"formatVersion\": 1", "\"formatVersion\": 99");
        Assert.Equal("BM3004", Refusal(TestBundles.Zip(("bundle.json", Encoding.UTF8.GetBytes(manifest)))));
    }

    [Fact]
    public void A_bundle_without_manifest_is_refused() =>
        Assert.Equal("BM3002", Refusal(TestBundles.Zip(("migrations/0001_a.up.sql", "SELECT 1;"u8.ToArray()))));

    [Fact]
    public void A_malformed_signature_is_refused()
    {
        var entries = TestBundles.Entries(TestBundles.Valid());
        Assert.Equal("BM3014", Refusal(TestBundles.Zip([.. entries, ("signature.json", "{\"algorithm\": \"RSA\"}"u8.ToArray())])));
        Assert.Equal("BM3014", Refusal(TestBundles.Zip([.. entries, ("signature.json", "not json"u8.ToArray())])));
    }

    [Fact]
    public void Thousands_of_random_mutations_never_crash_the_reader()
    {
        using var key = SigningKey.Generate();
        var valid = BundleWriter.ToBytes(BundleSigner.Sign(TestBundles.Content(), key));
        var random = new Random(20261121);
        var accepted = 0;
        for (var i = 0; i < 5000; i++)
        {
            var mutated = Mutate(valid, random);
            try
            {
                BundleReader.Read(mutated, "fuzz.mbundle");
                accepted++;
            }
            catch (DiagnosticException e)
            {
                Assert.Matches("^BM3[0-9]{3}$", e.Diagnostic.Code);
            }
        }
        // Mutations that only touch bytes no reader depends on (e.g. the zip comment area) may pass; most must not.
        Assert.True(accepted < 2500, $"{accepted} of 5000 mutated bundles were accepted");
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at)); break;
                default: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256))); break;
            }
            if (bytes.Count == 0)
                break;
        }
        return [.. bytes];
    }
}
