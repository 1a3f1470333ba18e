using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Sweep.Tests;

/// <summary>Paths and small datasets for the sweep's tests.</summary>
internal static class SweepTestData
{
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

    /// <summary>The tiny CLIP fixture (random weights, 48-d, fast).</summary>
    public static string TinyClip
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "tiny-clip"));
            return Directory.Exists(path) ? path : throw new InvalidOperationException($"The shared fixtures are missing: expected {path}.");
        }
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "clipgeo-sweep-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// A demo dataset of <paramref name="perCategory"/> small images per category, plus a corrupt JPEG and a row whose
    /// path escapes the dataset root (both with captions that the rules put in <c>animal</c>).
    /// </summary>
    public static string Dataset(int perCategory = 6)
    {
        string root = TempFolder();
        DemoDatasetGenerator.Generate(root, new DemoDatasetOptions { ImagesPerCategory = perCategory, Width = 64, Height = 48, Seed = 3 });
        File.WriteAllBytes(Path.Combine(root, "Images", "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(root)!, "outside-" + Path.GetFileName(root) + ".jpg"), "not an image");
        File.AppendAllText(Path.Combine(root, "captions.txt"),
            "broken.jpg,a dog runs across the grass\n" +
            $"../../outside-{Path.GetFileName(root)}.jpg,a dog sleeps on a sofa\n");
        return root;
    }
}
