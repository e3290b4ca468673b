using System.Text.RegularExpressions;
using BuildMigrations.Core.Diagnostics;
using BuildMigrations.Core.Model;

namespace BuildMigrations.Core.Sources;

/// <summary>
/// The <c>-- migration: ...</c> comment lines at the top of a script (before its first statement):
/// <c>no-transaction</c>, <c>irreversible &lt;reason&gt;</c>, <c>nowarn BMnnnn[,BMnnnn]</c>.
/// </summary>
public sealed record ScriptDirectives(bool NoTransaction, string? IrreversibleReason, int IrreversibleLine, IReadOnlySet<string> NoWarn)
{
    private static readonly Regex DirectiveLine = new(@"^--\s*migration\s*:\s*(?<name>\S*)\s*(?<args>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex DiagnosticCode = new(@"^BM\d{4}$", RegexOptions.CultureInvariant);

    /// <summary>Reads the directives of <paramref name="text"/>; problems go to <paramref name="diagnostics"/>.</summary>
    /// <param name="text">The script.</param>
    /// <param name="kind">Which script it is (only an up script may be irreversible).</param>
    /// <param name="file">The path used in diagnostics.</param>
    /// <param name="firstLine">The source line where <paramref name="text"/> starts.</param>
    /// <param name="diagnostics">Receives BM1006, BM1008, BM1010 and BM1011.</param>
    public static ScriptDirectives Parse(string text, ScriptKind kind, string file, int firstLine, ICollection<Diagnostic> diagnostics)
    {
        var noTransaction = false;
        string? reason = null;
        var reasonLine = 0;
        var noWarn = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            if (!line.StartsWith("--", StringComparison.Ordinal))
                break;
            var match = DirectiveLine.Match(line);
            if (!match.Success)
                continue;
            var lineNumber = firstLine + i;
            var name = match.Groups["name"].Value.ToLowerInvariant();
            var args = match.Groups["args"].Value.Trim();
            switch (name)
            {
                case "no-transaction":
                    noTransaction = true;
                    break;
                case "irreversible" when kind != ScriptKind.Up:
                    diagnostics.Add(Problems.DirectiveNotAllowedHere(file, lineNumber, name, kind.Name()));
                    break;
                case "irreversible" when args.Length == 0:
                    diagnostics.Add(Problems.IrreversibleWithoutReason(file, lineNumber));
                    break;
                case "irreversible":
                    reason = args;
                    reasonLine = lineNumber;
                    break;
                case "nowarn":
                    foreach (var code in args.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (DiagnosticCode.IsMatch(code))
                            noWarn.Add(code.ToUpperInvariant());
                        else
                            diagnostics.Add(Problems.InvalidNoWarnCode(file, lineNumber, code));
                    }
                    break;
                default:
                    diagnostics.Add(Problems.UnknownDirective(file, lineNumber, name));
                    break;
            }
        }
        return new ScriptDirectives(noTransaction, reason, reasonLine, noWarn);
    }
}
