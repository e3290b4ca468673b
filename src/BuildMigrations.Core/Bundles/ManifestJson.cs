using System.Buffers;
using System.Text;
using System.Text.Json;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Bundles;

/// <summary>Writes bundle.json byte-for-byte reproducibly, and reads it strictly.</summary>
public static class ManifestJson
{
    /// <summary>Indented UTF-8 JSON with LF line endings and properties in a fixed order.</summary>
    public static byte[] Write(BundleManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", manifest.FormatVersion);
            json.WriteString("name", manifest.Name);
            json.WriteString("version", manifest.Version);
            json.WriteString("engine", manifest.Engine);
            json.WriteString("tool", manifest.Tool);
            json.WriteString("sourceRevision", manifest.SourceRevision);
            json.WriteStartArray("migrations");
            foreach (var migration in manifest.Migrations)
            {
                json.WriteStartObject();
                json.WriteString("version", migration.Version);
                json.WriteString("description", migration.Description);
                json.WriteBoolean("transactional", migration.Transactional);
                json.WriteString("irreversible", migration.Irreversible);
                WriteScript(json, "up", migration.Up);
                WriteScript(json, "down", migration.Down);
                WriteScript(json, "verify", migration.Verify);
                // Only when present, so bundles without data files stay byte-identical to earlier versions' output.
                if (migration.Data is not null)
                    WriteScript(json, "data", migration.Data);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // Utf8JsonWriter indents with the platform's newline; bundles must not depend on the platform.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    private static void WriteScript(Utf8JsonWriter json, string name, BundleScript? script)
    {
        if (script is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("path", script.Path);
        json.WriteString("sha256", script.Sha256);
        json.WriteBoolean("transactional", script.Transactional);
        json.WriteString("source", script.Source);
        json.WriteNumber("sourceLine", script.SourceLine);
        json.WriteEndObject();
    }

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Parses and validates bundle.json; throws <see cref="DiagnosticException"/> (BM3003, BM3004).</summary>
    public static BundleManifest Read(byte[] bytes, string bundle)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var root = Object(document.RootElement, "the document");
            var formatVersion = Int(root, "formatVersion");
            if (formatVersion != BundleManifest.CurrentFormatVersion)
                throw new DiagnosticException(Problems.UnknownFormatVersion(bundle, formatVersion, BundleManifest.CurrentFormatVersion));
            var engine = String(root, "engine");
            if (EngineNames.Normalize(engine) != engine)
                throw Invalid($"unknown engine '{engine}'");
            var migrations = new List<BundleMigration>();
            MigrationVersion? previous = null;
            foreach (var item in Array(root, "migrations"))
            {
                (var migration, previous) = ReadMigration(Object(item, "a migration"), migrations.LastOrDefault(), previous);
                migrations.Add(migration);
            }
            var paths = migrations.SelectMany(m => m.Scripts).Select(s => s.Path).ToList();
            // A set finds out whether any path repeats; only then is the first repeated one looked for.
            if (new HashSet<string>(paths, StringComparer.OrdinalIgnoreCase).Count != paths.Count)
            {
                var repeated = paths.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).First(g => g.Count() > 1);
                throw Invalid($"the path '{repeated.Key}' is listed twice");
            }
            return new BundleManifest(formatVersion, NonEmpty(root, "name"), NonEmpty(root, "version"), engine,
                String(root, "tool"), NullableString(root, "sourceRevision"), migrations);
        }
        catch (JsonException e)
        {
            throw new DiagnosticException(Problems.ManifestInvalid(bundle, $"not JSON ({e.Message})"), e);
        }
        catch (InvalidOperationException e)
        {
            throw new DiagnosticException(Problems.ManifestInvalid(bundle, e.Message), e);
        }

        DiagnosticException Invalid(string detail) => new(Problems.ManifestInvalid(bundle, detail));

        (BundleMigration Migration, MigrationVersion Version) ReadMigration(JsonElement item, BundleMigration? previous, MigrationVersion? previousVersion)
        {
            var version = NonEmpty(item, "version");
            var parsed = MigrationVersion.TryParse(version) ?? throw Invalid($"'{version}' is not a migration version");
            if (previous is not null && parsed <= previousVersion!)
                throw Invalid($"migration {version} is not after {previous.Version}");
            var description = NonEmpty(item, "description");
            var up = ReadScript(item, "up") ?? throw Invalid($"migration {version} has no up script");
            var migration = new BundleMigration(version, description, Bool(item, "transactional"), NullableString(item, "irreversible"),
                up, ReadScript(item, "down"), ReadScript(item, "verify"))
            {
                Data = item.TryGetProperty("data", out _) ? ReadScript(item, "data") : null,
            };
            return (migration, parsed);
        }

        BundleScript? ReadScript(JsonElement migration, string name)
        {
            var element = Property(migration, name);
            if (element.ValueKind == JsonValueKind.Null)
                return null;
            var script = Object(element, $"'{name}'");
            var path = NonEmpty(script, "path");
            if (!EntryPaths.IsSafe(path) || !path.StartsWith("migrations/", StringComparison.Ordinal))
                throw new DiagnosticException(Problems.UnsafeEntryPath(bundle, path));
            var sha = String(script, "sha256");
            if (sha.Length != 64 || sha.AsSpan().ContainsAnyExcept(LowerHexDigits))
                throw Invalid($"'{path}' has no valid sha256");
            return new BundleScript(path, sha, Bool(script, "transactional"), String(script, "source"), Int(script, "sourceLine"));
        }

        JsonElement Property(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) ? value : throw Invalid($"'{name}' is missing");

        JsonElement Object(JsonElement element, string what) =>
            element.ValueKind == JsonValueKind.Object ? element : throw Invalid($"{what} is not an object");

        JsonElement.ArrayEnumerator Array(JsonElement element, string name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Invalid($"'{name}' is not an array");
        }

        string String(JsonElement element, string name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"'{name}' is not a string");
        }

        string NonEmpty(JsonElement element, string name)
        {
            var value = String(element, name);
            return value.Length > 0 ? value : throw Invalid($"'{name}' is empty");
        }

        string? NullableString(JsonElement element, string name) =>
            Property(element, name).ValueKind == JsonValueKind.Null ? null : String(element, name);

        int Int(JsonElement element, string name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Invalid($"'{name}' is not a whole number");
        }

        bool Bool(JsonElement element, string name) => Property(element, name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"'{name}' is not true or false"),
        };
    }
}
