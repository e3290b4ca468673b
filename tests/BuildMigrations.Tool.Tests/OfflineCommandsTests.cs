using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace BuildMigrations.Tool.Tests;

public class OfflineCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void WriteSample(string folder = "migrations", Func<string, string>? transform = null, bool bom = false)
    {
        transform ??= t => t;
        var files = new Dictionary<string, string>
        {
            ["2_create_customers.up.sql"] = "CREATE TABLE customers (\n  id int PRIMARY KEY\n);\n",
            ["2_create_customers.down.sql"] = "DROP TABLE customers;\n",
            ["10_add_orders.up.sql"] = "CREATE TABLE orders (id int);\n",
            ["10_add_orders.down.sql"] = "DROP TABLE orders;\n",
            ["1.2_seed.up.sql"] = "-- migration: irreversible seed data cannot be told apart from user data\nSELECT 1;\n",
            ["1.10_more.up.sql"] = "SELECT 2;\n",
            ["1.10_more.down.sql"] = "SELECT 3;\n",
        };
        foreach (var (name, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(transform(text));
            _dir.Write(Path.Combine(folder, name), bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        }
    }

    private CommandResult Tool(params string[] args) => ToolRunner.Run(_dir.Path, args);

    private CommandResult Build(string folder, string output) =>
        Tool("build", folder, "--engine", "postgresql", "--name", "Demo", "--version", "1.0.0", "--out", output);

    [Fact]
    public void Build_twice_gives_byte_identical_bundles_and_prints_the_output_line()
    {
        WriteSample();
        var first = Build("migrations", "a.mbundle");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"Demo -> {_dir["a.mbundle"]}", first.Stdout);
        var bytes = File.ReadAllBytes(_dir["a.mbundle"]);
        Thread.Sleep(2100); // past the zip timestamp resolution: a clock-stamped bundle would now differ
        Assert.Equal(0, Build("migrations", "a.mbundle").ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(_dir["a.mbundle"]));
    }

    [Fact]
    public void Inspect_lists_migrations_in_numeric_version_order()
    {
        WriteSample();
        Assert.Equal(0, Build("migrations", "a.mbundle").ExitCode);
        var inspect = Tool("inspect", "a.mbundle");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var order = new[] { "1.2_seed", "1.10_more", "2_create_customers", "10_add_orders" }
            .Select(name => inspect.Stdout.IndexOf($"  {name}", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("irreversible: seed data cannot be told apart from user data", inspect.Stdout);

        var json = JsonDocument.Parse(Tool("inspect", "a.mbundle", "--output", "json").Stdout).RootElement;
        Assert.Equal(["1.2", "1.10", "2", "10"], json.GetProperty("manifest").GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("version").GetString()));
    }

    [Fact]
    public void Crlf_and_bom_checkouts_give_the_same_hashes_as_lf()
    {
        WriteSample("lf");
        WriteSample("crlf", t => t.Replace("\n", "\r\n"), bom: true);
        Assert.Equal(0, Build("lf", "lf.mbundle").ExitCode);
        Assert.Equal(0, Build("crlf", "crlf.mbundle").ExitCode);
        var lf = JsonDocument.Parse(Tool("inspect", "lf.mbundle", "--output", "json").Stdout).RootElement;
        var crlf = JsonDocument.Parse(Tool("inspect", "crlf.mbundle", "--output", "json").Stdout).RootElement;
        Assert.Equal(lf.GetProperty("digest").GetString(), crlf.GetProperty("digest").GetString());
        Assert.Equal(File.ReadAllBytes(_dir["lf.mbundle"]), File.ReadAllBytes(_dir["crlf.mbundle"]));
    }

    [Fact]
    public void Keygen_sign_and_verify_with_the_trusted_key_succeeds()
    {
        WriteSample();
        Assert.Equal(0, Build("migrations", "a.mbundle").ExitCode);
        var keygen = Tool("keygen", "--out", "key.pem");
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        Assert.True(File.Exists(_dir["key.pub.pem"]));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir["key.pem"]));
        Assert.DoesNotContain("PRIVATE KEY", keygen.All);

        Assert.Equal(0, Tool("sign", "a.mbundle", "--key", "key.pem").ExitCode);
        var verify = Tool("verify", "a.mbundle", "--trusted-key", "key.pub.pem");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("signed by trusted key", verify.Stdout);
    }

    [Fact]
    public void Verify_refuses_another_key_a_changed_byte_and_an_added_entry_with_exit_3()
    {
        WriteSample();
        Assert.Equal(0, Build("migrations", "a.mbundle").ExitCode);
        Assert.Equal(0, Tool("keygen", "--out", "key.pem").ExitCode);
        Assert.Equal(0, Tool("keygen", "--out", "other.pem").ExitCode);
        Assert.Equal(0, Tool("sign", "a.mbundle", "--key", "key.pem").ExitCode);

        var otherKey = Tool("verify", "a.mbundle", "--trusted-key", "other.pub.pem");
        Assert.Equal(3, otherKey.ExitCode);
        Assert.Contains("error BM3013", otherKey.Stderr);

        var entries = ReadEntries(_dir["a.mbundle"]);
        foreach (var name in entries.Keys)
        {
            var altered = entries.ToDictionary(e => e.Key, e => e.Value.ToArray());
            altered[name][altered[name].Length / 2] ^= 0x20;
            WriteZip(_dir["tampered.mbundle"], altered);
            var run = Tool("verify", "tampered.mbundle", "--trusted-key", "key.pub.pem");
            Assert.True(run.ExitCode == 3, $"{name}: {run}");
            Assert.Matches(@"error BM3\d{3}", run.Stderr);
        }

        var added = entries.ToDictionary(e => e.Key, e => e.Value);
        added["migrations/99_backdoor.up.sql"] = "DROP TABLE customers;"u8.ToArray();
        WriteZip(_dir["added.mbundle"], added);
        var addedRun = Tool("verify", "added.mbundle", "--trusted-key", "key.pub.pem");
        Assert.Equal(3, addedRun.ExitCode);
        Assert.Contains("error BM3008", addedRun.Stderr);
        Assert.Contains("migrations/99_backdoor.up.sql", addedRun.Stderr);
    }

    [Fact]
    public void Verify_with_a_trusted_key_refuses_an_unsigned_bundle()
    {
        WriteSample();
        Assert.Equal(0, Build("migrations", "a.mbundle").ExitCode);
        Assert.Equal(0, Tool("keygen", "--out", "key.pem").ExitCode);
        var run = Tool("verify", "a.mbundle", "--trusted-key", "key.pub.pem");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error BM3011", run.Stderr);
    }

    [Fact]
    public void Build_reports_every_problem_in_canonical_form_and_exits_2()
    {
        _dir.Write("bad/0001_a.up.sql", "SELECT 1;");
        _dir.Write("bad/0001_a.down.sql", "SELECT 1;");
        _dir.Write("bad/0001_b.up.sql", "SELECT 1;");
        _dir.Write("bad/0001_b.down.sql", "SELECT 1;");
        _dir.Write("bad/0002_orphan.down.sql", "SELECT 1;");
        _dir.Write("bad/add orders.sql", "SELECT 1;");
        var run = Build("bad", "bad.mbundle");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"bad[/\\]0001_b\.(up|down)\.sql\(1,1\): error BM1002: ", run.Stderr);
        Assert.Matches(@"bad[/\\]0002_orphan\.down\.sql\(1,1\): error BM1004: ", run.Stderr);
        Assert.Matches(@"bad[/\\]add orders\.sql\(1,1\): error BM1001: ", run.Stderr);
        Assert.False(File.Exists(_dir["bad.mbundle"]));
    }

    [Fact]
    public void Build_checks_a_present_migrations_sum_and_never_writes_it()
    {
        WriteSample();
        _dir.Write("migrations/migrations.sum", "h1:AAAA\n2_create_customers.up.sql h1:AAAA\n");
        var run = Build("migrations", "a.mbundle");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("migrations.sum(2,1): error BM2003", run.Stderr.Replace('\\', '/'));
        Assert.Equal("h1:AAAA\n2_create_customers.up.sql h1:AAAA\n", File.ReadAllText(_dir["migrations/migrations.sum"]));
    }

    [Fact]
    public void Usage_errors_exit_2_and_help_explains_commands()
    {
        Assert.Equal(2, Tool("build").ExitCode);
        Assert.Equal(2, Tool("no-such-command").ExitCode);
        var help = Tool("--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "build", "inspect", "verify", "keygen", "sign", "new" })
            Assert.Contains(command, help.Stdout);
        var missing = Tool("inspect", "missing.mbundle");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("BM3015", missing.Stderr);
    }

    [Theory]
    [InlineData("../escaped", "1.0.0", "--name '../escaped' is not a bundle name")]
    [InlineData("sub/Demo", "1.0.0", "--name 'sub/Demo' is not a bundle name")]
    [InlineData("Demo", "not a version", "--version 'not a version' is not a version")]
    [InlineData("Demo", "1.0.0/../../x", "--version '1.0.0/../../x' is not a version")]
    [InlineData("Demo", "1.0.0\n", "--version '1.0.0\n' is not a version")]
    public void Build_refuses_a_name_or_version_that_is_not_one_and_writes_nothing(string name, string version, string message)
    {
        WriteSample();
        var run = Tool("build", "migrations", "--engine", "postgresql", "--name", name, "--version", version);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error BM4004: {message}", run.Stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.mbundle", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "..", "escaped.1.0.0.mbundle")));
    }

    [Theory]
    [InlineData("Shop.Database", "1.4.0")]
    [InlineData("shop_db-2", "1.4.0-beta.1+build.7")]
    [InlineData("Shop", "2026.12.1.5")]
    public void Build_takes_project_names_and_semantic_or_four_part_versions(string name, string version)
    {
        WriteSample();
        var run = Tool("build", "migrations", "--engine", "postgresql", "--name", name, "--version", version);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_dir[$"{name}.{version}.mbundle"]));
    }

    [Fact]
    public void Paths_that_cannot_be_used_are_BM4009_with_the_systems_own_words_and_leave_nothing_behind()
    {
        WriteSample();
        Directory.CreateDirectory(_dir["out"]);
        File.WriteAllText(_dir["a-file"], "");

        var keygen = Tool("keygen", "--out", "missing/ci.pem");
        var build = Tool("build", "migrations", "--engine", "postgresql", "--name", "Demo", "--version", "1.0.0", "--out", "out");
        var @new = Tool("new", "add_x", "--dir", "a-file");

        foreach (var run in new[] { keygen, build, @new })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("error BM4009: cannot read or write a file: ", run.Stderr);
            Assert.DoesNotContain("BM4006", run.Stderr);
            Assert.DoesNotContain("IO_", run.Stderr); // the runtime's messages, not their resource keys
        }
        Assert.Contains("Could not find a part of the path", keygen.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir["out"]));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void New_writes_the_next_pair_and_json_output_lists_the_files()
    {
        WriteSample();
        var run = Tool("new", "add_invoices", "--dir", "migrations", "--output", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_dir["migrations/11_add_invoices.up.sql"]));
        Assert.True(File.Exists(_dir["migrations/11_add_invoices.down.sql"]));
        var files = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(2, Tool("new", "add invoices").ExitCode);
    }

    private static Dictionary<string, byte[]> ReadEntries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static void WriteZip(string path, Dictionary<string, byte[]> entries)
    {
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }
    }
}
