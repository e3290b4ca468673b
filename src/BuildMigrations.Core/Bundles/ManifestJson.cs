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
            json.WriteNumber(Names.FormatVersion, manifest.FormatVersion);
            json.WriteString(Names.Name, manifest.Name);
            json.WriteString(Names.Version, manifest.Version);
            json.WriteString(Names.Engine, manifest.Engine);
            json.WriteString(Names.Tool, manifest.Tool);
            json.WriteString(Names.SourceRevision, manifest.SourceRevision);
            json.WriteStartArray(Names.Migrations);
            foreach (var migration in manifest.Migrations)
            {
                json.WriteStartObject();
                json.WriteString(Names.Version, migration.Version);
                json.WriteString(Names.Description, migration.Description);
                json.WriteBoolean(Names.Transactional, migration.Transactional);
                json.WriteString(Names.Irreversible, migration.Irreversible);
                WriteScript(json, Names.Up, migration.Up);
                WriteScript(json, Names.Down, migration.Down);
                WriteScript(json, Names.Verify, migration.Verify);
                // Only when present, so bundles without data files stay byte-identical to earlier versions' output.
                if (migration.Data is not null)
                    WriteScript(json, Names.Data, migration.Data);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // Utf8JsonWriter indents with the platform's newline; bundles must not depend on the platform.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    private static void WriteScript(Utf8JsonWriter json, JsonEncodedText name, BundleScript? script)
    {
        if (script is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString(Names.Path, script.Path);
        json.WriteString(Names.Sha256, script.Sha256);
        json.WriteBoolean(Names.Transactional, script.Transactional);
        json.WriteString(Names.Source, script.Source);
        json.WriteNumber(Names.SourceLine, script.SourceLine);
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
            var formatVersion = Int(root, Names.FormatVersion);
            if (formatVersion != BundleManifest.CurrentFormatVersion)
                throw new DiagnosticException(Problems.UnknownFormatVersion(bundle, formatVersion, BundleManifest.CurrentFormatVersion));
            var engine = String(root, Names.Engine);
            if (EngineNames.Normalize(engine) != engine)
                throw Invalid($"unknown engine '{engine}'");
            var migrations = new List<BundleMigration>();
            MigrationVersion? previous = null;
            foreach (var item in Array(root, Names.Migrations))
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
            return new BundleManifest(formatVersion, NonEmpty(root, Names.Name), NonEmpty(root, Names.Version), engine,
                String(root, Names.Tool), NullableString(root, Names.SourceRevision), migrations);
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
            var version = NonEmpty(item, Names.Version);
            var parsed = MigrationVersion.TryParse(version) ?? throw Invalid($"'{version}' is not a migration version");
            if (previous is not null && parsed <= previousVersion!)
                throw Invalid($"migration {version} is not after {previous.Version}");
            var description = NonEmpty(item, Names.Description);
            var up = ReadScript(item, Names.Up) ?? throw Invalid($"migration {version} has no up script");
            var migration = new BundleMigration(version, description, Bool(item, Names.Transactional), NullableString(item, Names.Irreversible),
                up, ReadScript(item, Names.Down), ReadScript(item, Names.Verify))
            {
                Data = item.TryGetProperty(Names.Data.EncodedUtf8Bytes, out _) ? ReadScript(item, Names.Data) : null,
            };
            return (migration, parsed);
        }

        BundleScript? ReadScript(JsonElement migration, JsonEncodedText name)
        {
            var element = Property(migration, name);
            if (element.ValueKind == JsonValueKind.Null)
                return null;
            var script = Object(element, $"'{name.Value}'");
            var path = NonEmpty(script, Names.Path);
            if (!EntryPaths.IsSafe(path) || !path.StartsWith("migrations/", StringComparison.Ordinal))
                throw new DiagnosticException(Problems.UnsafeEntryPath(bundle, path));
            var sha = String(script, Names.Sha256);
            if (sha.Length != 64 || sha.AsSpan().ContainsAnyExcept(LowerHexDigits))
                throw Invalid($"'{path}' has no valid sha256");
            return new BundleScript(path, sha, Bool(script, Names.Transactional), String(script, Names.Source), Int(script, Names.SourceLine));
        }

        JsonElement Property(JsonElement element, JsonEncodedText name) =>
            element.TryGetProperty(name.EncodedUtf8Bytes, out var value) ? value : throw Invalid($"'{name.Value}' is missing");

        JsonElement Object(JsonElement element, string what) =>
            element.ValueKind == JsonValueKind.Object ? element : throw Invalid($"{what} is not an object");

        JsonElement.ArrayEnumerator Array(JsonElement element, JsonEncodedText name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Invalid($"'{name.Value}' is not an array");
        }

        string String(JsonElement element, JsonEncodedText name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"'{name.Value}' is not a string");
        }

        string NonEmpty(JsonElement element, JsonEncodedText name)
        {
            var value = String(element, name);
            return value.Length > 0 ? value : throw Invalid($"'{name.Value}' is empty");
        }

        string? NullableString(JsonElement element, JsonEncodedText name) =>
            Property(element, name).ValueKind == JsonValueKind.Null ? null : String(element, name);

        int Int(JsonElement element, JsonEncodedText name)
        {
            var value = Property(element, name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Invalid($"'{name.Value}' is not a whole number");
        }

        bool Bool(JsonElement element, JsonEncodedText name) => Property(element, name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"'{name.Value}' is not true or false"),
        };
    }

    /// <summary>
    /// The property names, encoded once for the writer and the reader alike: looking a property up by a string
    /// encodes the name to UTF-8 on every call, thousands of times in a large bundle.
    /// </summary>
    private static class Names
    {
        public static readonly JsonEncodedText FormatVersion = JsonEncodedText.Encode("formatVersion");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Engine = JsonEncodedText.Encode("engine");
        public static readonly JsonEncodedText Tool = JsonEncodedText.Encode("tool");
        public static readonly JsonEncodedText SourceRevision = JsonEncodedText.Encode("sourceRevision");
        public static readonly JsonEncodedText Migrations = JsonEncodedText.Encode("migrations");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText Transactional = JsonEncodedText.Encode("transactional");
        public static readonly JsonEncodedText Irreversible = JsonEncodedText.Encode("irreversible");
        public static readonly JsonEncodedText Up = JsonEncodedText.Encode("up");
        public static readonly JsonEncodedText Down = JsonEncodedText.Encode("down");
        public static readonly JsonEncodedText Verify = JsonEncodedText.Encode("verify");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText SourceLine = JsonEncodedText.Encode("sourceLine");
    }
}
