using ClipGeometry.Geometry.Persistence;
using FsCheck.Xunit;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>Laws of Rips persistence that must hold for any input.</summary>
public sealed class PersistencePropertyTests
{
    private static PointCloud RandomCloud(int seed, out Random random)
    {
        random = new Random(seed);
        int n = random.Next(1, 16);
        var coordinates = new double[n * 3];
        for (int i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = random.Next(0, 4); // small integers: many ties and some duplicates
        }

        return new PointCloud(coordinates, n, 3);
    }

    private static List<(double, double)>[] Sorted(PersistenceResult result) =>
        [.. result.Diagrams.Select(d => d.Intervals.Select(p => (p.Birth, p.Death)).Order().ToList())];

    [Property(MaxTest = 60)]
    public bool Permuting_the_points_keeps_the_diagrams(int seed)
    {
        var cloud = RandomCloud(seed, out var random);
        int[] order = [.. Enumerable.Range(0, cloud.Count).OrderBy(_ => random.Next())];
        var options = new PersistenceOptions { MaxDimension = 2 };
        var a = Sorted(VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean, options));
        var b = Sorted(VietorisRipsPersistence.Compute(cloud.Subset(order), DistanceMetric.Euclidean, options));
        return a.Zip(b).All(p => p.First.SequenceEqual(p.Second));
    }

    [Property(MaxTest = 60)]
    public bool Dense_and_threshold_paths_agree_at_the_enclosing_radius(int seed)
    {
        var cloud = RandomCloud(seed, out _);
        var dense = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 2 });
        var sparse = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean, new PersistenceOptions { MaxDimension = 2, Threshold = 100 });
        return Sorted(dense).Zip(Sorted(sparse)).All(p => p.First.SequenceEqual(p.Second));
    }

    [Property(MaxTest = 60)]
    public bool Every_point_is_born_once_and_one_class_lives_forever(int seed)
    {
        var cloud = RandomCloud(seed, out _);
        var h0 = VietorisRipsPersistence.Compute(cloud, DistanceMetric.Euclidean).Diagrams[0].Intervals;
        return h0.Count(p => p.IsEssential) == 1 && h0.All(p => p.Birth == 0 && p.Death > 0);
    }
}
