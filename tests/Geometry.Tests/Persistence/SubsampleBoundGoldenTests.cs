using System.Globalization;
using System.Text.Json;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>
/// The bound of a cosine greedy subsample, on clouds where the old bound (greedy under 1 − cos, 2 × its cover radius)
/// fails: GUDHI's bottleneck distances between the cosine diagrams of the cloud and of the subsample are the goldens
/// (Golden/subsample/make_golden.py).
/// </summary>
public sealed class SubsampleBoundGoldenTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var c in Cases())
        {
            data.Add(c.GetProperty("seed").GetInt32());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cosine_subsample_is_within_its_reported_bound(int seed)
    {
        var c = Cases().First(e => e.GetProperty("seed").GetInt32() == seed);
        var cloud = Cloud(c);
        int keep = c.GetProperty("keep").GetInt32();
        var options = new PersistenceOptions { MaxDimension = 1 };

        var greedy = GreedyPermutation.Select(cloud, DistanceMetric.Cosine, keep);
        Assert.Equal(c.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()), greedy.Indices);
        Assert.Equal("angular", greedy.CoverRadiusMetric);
        Assert.Equal(c.GetProperty("coverRadius").GetDouble(), greedy.CoverRadius, 1e-12);

        var full = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Cosine, options);
        var sub = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Cosine, options, keep);
        Assert.Equal("angular", sub.CoverRadiusMetric);
        double error = 0;
        for (int d = 0; d <= 1; d++)
        {
            error = Math.Max(error, BottleneckDistance.Compute(full.Diagrams[d], sub.Diagrams[d]));
        }

        // GUDHI works in double, clipgeo's filtration values are single precision: half a float ulp of values ≤ 2.
        double gudhi = c.GetProperty("bottleneck").GetDouble();
        Assert.Equal(gudhi, error, 3e-7);
        Assert.True(error <= sub.BottleneckBound, $"bottleneck error {error:R} exceeds the reported bound {sub.BottleneckBound:R}.");

        // The old bound on these clouds: GUDHI's error for the greedy permutation under 1 − cos exceeds 2 r_cos.
        Assert.True(c.GetProperty("oldBottleneck").GetDouble() > 2 * c.GetProperty("oldCoverRadius").GetDouble());
    }

    private static PointCloud Cloud(JsonElement c)
    {
        var rows = c.GetProperty("points").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => double.Parse(v.GetString()!, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        return new PointCloud(rows.SelectMany(r => r).ToArray(), rows.Count, rows[0].Length);
    }

    private static List<JsonElement> Cases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", "subsample", "cosine_bound.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
