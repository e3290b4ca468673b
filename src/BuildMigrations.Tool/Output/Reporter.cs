using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Engines.History;

namespace BuildMigrations.Tool.Output;

/// <summary>
/// Where a command's words go. Human mode: progress and results on stdout, diagnostics on stderr.
/// JSON mode (<c>--output json</c>): one JSON document on stdout at the end, diagnostics inside it.
/// Other formats (<c>--output sarif</c>): the command writes its document itself with <see cref="Document"/>;
/// diagnostics still go to stderr.
/// On GitHub Actions every diagnostic is also a workflow command, so it shows on the pull request.
/// </summary>
internal sealed class Reporter(string format, TextWriter stdout, TextWriter stderr)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        TypeInfoResolver = ReportJsonContext.Default,
        WriteIndented = true,
        // Readable timestamps and SQL in pipeline logs; the output is not embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // "up"/"applied", not 0/1: pipelines read these, and numbers would change meaning if an enum grew.
        // Generic converters, one per enum a report holds: the non-generic one needs code generated at run time.
        Converters =
        {
            new JsonStringEnumConverter<HistoryDirection>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<HistoryStatus>(JsonNamingPolicy.CamelCase),
        },
    };

    private static readonly JsonSerializerOptions LineOptions = new(JsonOptions) { WriteIndented = false };

    private readonly List<Diagnostic> _diagnostics = [];
    private readonly bool _human = format == "text";
    private readonly bool _json = format == "json";

    public bool Json => _json;

    /// <summary>The --output format: text, json, or a command's own (sarif).</summary>
    public string Format => format;

    /// <summary>Everything reported so far.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Where progress of long work goes in both modes: stderr, so stdout holds only results.</summary>
    public TextWriter Progress => stderr;

    /// <summary>A line for people (progress, results); silent in JSON and other machine formats.</summary>
    public void Line(string text = "")
    {
        if (_human)
            stdout.WriteLine(text);
    }

    /// <summary>A machine-readable document the command writes itself (SARIF) on stdout.</summary>
    public void Document(string text) => stdout.WriteLine(text);

    // Codes whose messages quote a driver or server, which may echo a connection's password.
    private static readonly HashSet<string> DriverTextCodes = ["BM5001", "BM5009", "BM5011", "BM5033", "BM4006"];

    public void Report(Diagnostic diagnostic)
    {
        if (DriverTextCodes.Contains(diagnostic.Code))
            diagnostic = diagnostic with { Message = Secrets.Scrub(diagnostic.Message) };
        _diagnostics.Add(diagnostic);
        // Also with --output sarif: stdout holds the document, and a refusal must still be seen.
        if (!_json)
            stderr.WriteLine(diagnostic.ToString());
        // Workflow commands are read from the step's output; they go to stderr when stdout holds a document.
        if (GitHubAnnotations.Enabled)
            (_human ? stdout : stderr).WriteLine(GitHubAnnotations.For(diagnostic));
    }

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            Report(diagnostic);
    }

    /// <summary>
    /// Ends the command: in JSON mode writes <paramref name="result"/> with the exit code and diagnostics, indented, or
    /// with <paramref name="oneLine"/> as the last line of a JSON Lines report (a fleet deploy's summary).
    /// </summary>
    public int Finish(int exitCode, object? result = null, bool oneLine = false)
    {
        if (_json)
            stdout.WriteLine(ToJson(exitCode, result).ToJsonString(oneLine ? LineOptions : JsonOptions));
        return exitCode;
    }

    /// <summary>The JSON document of a result: its properties, then <c>exitCode</c> and the diagnostics reported here.</summary>
    public JsonObject ToJson(int exitCode, object? result)
    {
        var document = result is null ? new JsonObject() : JsonSerializer.SerializeToNode(result, JsonOptions.GetTypeInfo(result.GetType()))!.AsObject();
        document["exitCode"] = exitCode;
        DiagnosticJson[] diagnostics = [.. _diagnostics.Select(d =>
            new DiagnosticJson(d.Code, d.Category, d.Message, d.File, d.Line == 0 ? null : d.Line, d.Column == 0 ? null : d.Column))];
        document["diagnostics"] = JsonSerializer.SerializeToNode(diagnostics, JsonOptions.GetTypeInfo(typeof(DiagnosticJson[])));
        return document;
    }

    /// <summary>In JSON mode, one compact object on a line of its own (JSON Lines: a fleet deploy's per-target report).</summary>
    public void JsonLine(JsonObject document)
    {
        if (_json)
            stdout.WriteLine(document.ToJsonString(LineOptions));
    }

    /// <summary>Ends the command on a refusal: reports it and exits with its code.</summary>
    public int Fail(Diagnostic diagnostic)
    {
        Report(diagnostic);
        return Finish(ExitCodes.For(diagnostic));
    }
}
