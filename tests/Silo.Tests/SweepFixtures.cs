using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Sweep;
using ClipGeometry.Sweep.Tests;

namespace ClipGeometry.Silo.Tests;

/// <summary>The tiny CLIP fixture, tiny demo datasets and the sweep spec the cluster tests run.</summary>
internal static class SweepFixtures
{
    /// <summary>The repository root (shared with the sweep's tests: one lookup for both).</summary>
    public static string RepositoryRoot() => SweepTestData.RepositoryRoot();

    /// <summary>The tiny CLIP fixture.</summary>
    public static string TinyClip => SweepTestData.TinyClip;

    public static string TempFolder(string what) => Directory.CreateTempSubdirectory("clipgeo-cluster-" + what).FullName;

    public static string Dataset(int perCategory)
    {
        var root = TempFolder("dataset");
        DemoDatasetGenerator.Generate(root, new DemoDatasetOptions { ImagesPerCategory = perCategory, Width = 64, Height = 48, Seed = 3 });
        return root;
    }

    /// <summary>A small sweep with many units (small shards, bootstrap) so a silo can be killed while they run.</summary>
    public static SweepSpec Spec(string dataset) => new()
    {
        Dataset = dataset,
        Model = TinyClip,
        Perturbations = "blur:0,1,2",
        ShardSize = 2,
        Bootstrap = 8,
        NullDraws = 3,
        AngleK = 3,
        Seed = 11,
    };

    /// <summary>The files whose bytes must not depend on how the sweep ran (results.json holds timings and silos).</summary>
    public static bool IsNumeric(string relativePath)
        => relativePath.StartsWith("diagrams/", StringComparison.Ordinal)
            || relativePath.StartsWith("embeddings/", StringComparison.Ordinal)
            || relativePath is "wasserstein.csv" or "subspace_angles.csv" or "similarity.csv";
}
