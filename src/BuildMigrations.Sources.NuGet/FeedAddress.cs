namespace BuildMigrations.Sources.NuGet;

/// <summary>Feed addresses as they may be shown or recorded: a URL's user info (which can hold a password) dropped.</summary>
public static class FeedAddress
{
    public static string WithoutUserInfo(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : source;
}
