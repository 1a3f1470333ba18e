namespace ClipGeometry.Client.Tests.Cli;

/// <summary>The repository root (the folder holding ClipGeometry.sln) and the shared fixtures beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClipGeometry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ClipGeometry.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>&lt;root&gt;/../shared/fixtures</c>; fails clearly when the tiny CLIP fixture is not there.</summary>
    public static string Fixtures()
    {
        string fixtures = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "fixtures"));
        return Directory.Exists(Path.Combine(fixtures, "tiny-clip"))
            ? fixtures
            : throw new InvalidOperationException($"The test fixtures are missing: expected {fixtures}/tiny-clip (shared/fixtures beside the repository root).");
    }
}
