namespace ClipGeometry.Embedding.Tests;

/// <summary>Where the tests find golden files, the repository and the shared fixtures.</summary>
internal static class TestPaths
{
    public static string Golden(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Golden", .. parts]);

    public static string RepositoryRoot()
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

    public static string Fixtures(params string[] parts)
    {
        string root = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures"));
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"The shared fixtures are missing: expected them at {root}.");
        }

        return Path.Combine([root, .. parts]);
    }

    /// <summary>A fresh temporary directory, deleted on dispose.</summary>
    public static TempDirectory Temp() => new();

    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clipgeo-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string relative) => System.IO.Path.Combine(Path, relative);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
