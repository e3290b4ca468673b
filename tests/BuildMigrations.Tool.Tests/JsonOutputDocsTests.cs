using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BuildMigrations.TestSupport;

namespace BuildMigrations.Tool.Tests;

/// <summary>
/// docs/json-output.md shows one real `--output json` document per command; this test runs every command and
/// checks that its output has exactly the documented shape (every property path, and enum values written as names).
/// A fleet deploy writes JSON Lines (one object per target, then a summary): its shape is that of every line.
/// Run with UPDATE_DOCS=1 to rewrite the examples from the real output.
/// </summary>
public sealed class JsonOutputDocsTests(PostgresServerFixture server) : DeployTestBase("postgresql", () => server.Password), IClassFixture<PostgresServerFixture>
{
    private static readonly Regex Section = new(@"^### `(?<command>[a-z][a-z -]*)`\s*\n+```json\n(?<json>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline);

    [Fact]
    public async Task Every_command_s_json_output_has_the_documented_shape()
    {
        var database = await server.CreateDatabaseAsync();
        var url = server.Url(database);
        var bundle = BuildBundle("m",
            ("0001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY);"),
            ("0001_customers.down.sql", "DROP TABLE customers;"),
            ("0002_orders.up.sql", "CREATE TABLE orders (id int);"),
            ("0002_orders.down.sql", "DROP TABLE orders;"));
        var outputs = new List<(string Command, string Json)>();
        void Run(string command, params string[] args) => RunAs(0, command, command, args);
        void RunAs(int exitCode, string example, string command, params string[] args)
        {
            var run = Tool([command, .. args, "--output", "json"]);
            Assert.True(run.ExitCode == exitCode, run.ToString());
            outputs.Add((example, run.Stdout.Trim()));
        }
        Run("build", "m", "--engine", "postgresql", "--name", "Shop", "--version", "1.0.0", "--out", "again.mbundle");
        Run("inspect", bundle);
        Run("verify", bundle);
        Run("keygen", "--out", "k.pem");
        Run("sign", bundle, "--key", "k.pem");
        Run("new", "add_invoices", "--dir", "m");
        Run("plan", bundle, "-c", url);
        Run("deploy", bundle, "-c", url);
        Dir.Write("targets.txt", $"# the fleet\n{url}\n{server.Url(await server.CreateDatabaseAsync())}\n");
        RunAs(0, "deploy --targets", "deploy", bundle, "--targets", "targets.txt");
        Run("status", bundle, "-c", url);
        Run("history", "-c", url);
        Run("rollback", bundle, "-c", url, "--steps", "1");
        Run("repair", bundle, "-c", url);
        Run("baseline", "-c", server.Url(await server.CreateDatabaseAsync()), "--version", "0001");
        await server.ExecuteAsync(database, "ALTER TABLE customers ADD COLUMN note text");
        RunAs(6, "drift", "drift", bundle, "-c", url, "--dev-database", server.Url("postgres"));

        var docPath = Path.Combine(Corpora.RepositoryRoot(), "docs", "json-output.md");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            WriteExamples(docPath, outputs);
        var documented = Section.Matches(File.ReadAllText(docPath)).ToDictionary(m => m.Groups["command"].Value, m => m.Groups["json"].Value);
        foreach (var (command, json) in outputs)
        {
            Assert.True(documented.ContainsKey(command), $"docs/json-output.md has no example for {command}");
            Assert.Equal(Shape(documented[command]), Shape(json));
        }
    }

    /// <summary>Every property path, with enum-like string values kept (their names are part of the contract).</summary>
    private static List<string> Shape(string json)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        Walk(property.Value, $"{path}.{property.Name}");
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        Walk(item, path + "[]");
                    break;
                case JsonValueKind.String when path.EndsWith(".direction", StringComparison.Ordinal) || path.EndsWith(".status", StringComparison.Ordinal) || path.EndsWith(".change", StringComparison.Ordinal):
                    paths.Add($"{path} = {element.GetString()}");
                    break;
                default:
                    paths.Add(path);
                    break;
            }
        }
        var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // JSON Lines (every line an object of its own) read as an array of those objects; one document as itself.
        var document = lines.Length > 1 && lines.All(l => l.StartsWith('{') && l.EndsWith('}')) ? $"[{string.Join(",", lines)}]" : json;
        Walk(JsonDocument.Parse(document).RootElement, "$");
        return [.. paths];
    }

    private static void WriteExamples(string docPath, List<(string Command, string Json)> outputs)
    {
        var text = File.ReadAllText(docPath);
        var head = text[..text.IndexOf("\n### ", StringComparison.Ordinal)];
        var builder = new StringBuilder(head.TrimEnd()).Append("\n\n");
        foreach (var (command, json) in outputs)
            builder.Append($"### `{command}`\n\n```json\n{json.ReplaceLineEndings("\n")}\n```\n\n");
        File.WriteAllText(docPath, builder.ToString().TrimEnd() + "\n");
    }
}
