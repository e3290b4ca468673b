namespace BuildMigrations.Tool.Output;

/// <summary>
/// The command line as the history records it: the command and every option, with connection values removed (a URL
/// or connection string may hold a password; <c>env:NAME</c> holds none and is kept, as it says where the target came from),
/// and feed URLs given with --source without their user info.
/// </summary>
internal static class AuditCommand
{
    private static readonly HashSet<string> ConnectionOptions = ["-c", "--connection"];
    private const string SourceOption = "--source";

    /// <summary>E.g. <c>rollback Shop.1.0.0.mbundle -c env:DATABASE_URL --to 0002</c>.</summary>
    public static string From(IReadOnlyList<string> args)
    {
        var recorded = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var inline = arg.IndexOf('=');
            if (inline > 0 && ConnectionOptions.Contains(arg[..inline]))
                recorded.Add($"{arg[..inline]}={Safe(arg[(inline + 1)..])}");
            else if (ConnectionOptions.Contains(arg) && i + 1 < args.Count)
                recorded.AddRange([arg, Safe(args[++i])]);
            else if (inline > 0 && arg[..inline] == SourceOption)
                recorded.Add($"{SourceOption}={Sources.NuGet.FeedAddress.WithoutUserInfo(arg[(inline + 1)..])}");
            else if (arg == SourceOption && i + 1 < args.Count)
                recorded.AddRange([arg, Sources.NuGet.FeedAddress.WithoutUserInfo(args[++i])]);
            else
                recorded.Add(arg.Contains(' ') ? $"\"{arg}\"" : arg);
        }
        return string.Join(' ', recorded);
    }

    private static string Safe(string connection) => connection.StartsWith("env:", StringComparison.Ordinal) ? connection : "***";
}
