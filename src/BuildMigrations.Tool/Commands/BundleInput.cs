using System.CommandLine;
using BuildMigrations.Core.Bundles;
using BuildMigrations.Sources.NuGet;

namespace BuildMigrations.Tool.Commands;

/// <summary>The BUNDLE argument and --source of every command that reads a bundle, and reading it.</summary>
internal sealed class BundleInput
{
    /// <param name="role">What the command does with the bundle, e.g. "The bundle to deploy".</param>
    public BundleInput(string role)
    {
        Argument = new("BUNDLE") { Description = $"{role}: an .mbundle file, a .nupkg file, or nuget:PACKAGE@VERSION (fetched from the feeds of NuGet.Config)." };
    }

    public Argument<string> Argument { get; }

    public Option<string[]> Sources { get; } = new("--source")
    {
        HelpName = "FEED",
        Description = "For nuget:PACKAGE@VERSION: a package folder, a v3 feed URL or a source named in NuGet.Config, instead of the configured feeds; repeat for several.",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Add(Argument);
        command.Add(Sources);
    }

    /// <summary>Reads the bundle; with <paramref name="trusted"/>, refuses it unless its signature is trusted (when any key is).</summary>
    public async Task<SourcedBundle> ReadAsync(ParseResult parse, IReadOnlyCollection<TrustedKey>? trusted, CancellationToken cancellationToken)
    {
        var sourced = await BundleSource.ReadAsync(parse.GetValue(Argument)!, parse.GetValue(Sources) ?? [], cancellationToken);
        if (trusted is not null)
            BundleTrust.Require(sourced.Bundle, trusted, sourced.Display);
        return sourced;
    }
}
