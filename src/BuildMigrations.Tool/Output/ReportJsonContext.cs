using System.Text.Json.Serialization;
using BuildMigrations.Tool.Commands;

namespace BuildMigrations.Tool.Output;

/// <summary>
/// Every document <c>--output json</c> writes, serialized by source-generated code: the tool is compiled ahead of
/// time, where reflection-based serialization is not available. A new command's report type is added here.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BuildJson))]
[JsonSerializable(typeof(DiagnosticJson[]))]
[JsonSerializable(typeof(DriftJson))]
[JsonSerializable(typeof(ExecutionJson))]
[JsonSerializable(typeof(FleetSummaryJson))]
[JsonSerializable(typeof(FleetTargetJson))]
[JsonSerializable(typeof(HistoryJson))]
[JsonSerializable(typeof(InspectJson))]
[JsonSerializable(typeof(KeygenJson))]
[JsonSerializable(typeof(LintJson))]
[JsonSerializable(typeof(NewJson))]
[JsonSerializable(typeof(PlanJson))]
[JsonSerializable(typeof(SignJson))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(VerifyJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>A diagnostic as the JSON output shows it: no line or column when it has none.</summary>
internal sealed record DiagnosticJson(string Code, string Severity, string Message, string? File, int? Line, int? Column);
