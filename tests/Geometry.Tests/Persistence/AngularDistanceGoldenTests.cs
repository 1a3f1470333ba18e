using System.Globalization;
using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>
/// Angular and cosine distances against a 60-digit mpmath reference (Golden/angular/make_golden.py) on pairs at
/// angles from 1e-15 to 3π/4: the stable forms keep the digits that acos(cos) and 1 − cos lose for near-duplicates.
/// </summary>
public sealed class AngularDistanceGoldenTests
{
    // Achieved: absolute error ≤ 1.1e-16 for every angle (the rounding of the unit vectors), so a relative error of
    // 1e-13 at 1e-3 and of about 0.1 at 1e-15. Before, acos(cos) returned 0 for every angle below 1e-8.
    private const double AbsoluteTolerance = 4e-16;
    private const double RelativeTolerance = 1e-15;

    public static TheoryData<int> PairIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Pairs().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PairIndices))]
    public void Angular_distance_matches_the_high_precision_reference(int index)
    {
        var (cloud, angle, _) = Pairs()[index];
        double actual = new PairwiseDistance(cloud, DistanceMetric.Angular).Distance(0, 1);
        Assert.True(
            Math.Abs(actual - angle) <= AbsoluteTolerance + (RelativeTolerance * angle),
            $"pair {index}: angle {angle:R}, clipgeo {actual:R} (error {Math.Abs(actual - angle):E2}).");
        // The matrix holds single precision: the double's error plus the rounding to float (half a float ulp).
        float stored = DistanceMatrix.FromPointCloud(cloud, DistanceMetric.Angular)[1, 0];
        double halfUlp = (MathF.BitIncrement((float)angle) - (double)(float)angle) / 2;
        Assert.True(
            Math.Abs(stored - angle) <= AbsoluteTolerance + (RelativeTolerance * angle) + halfUlp,
            $"pair {index}: angle {angle:R}, stored as {stored:R}.");
    }

    [Theory]
    [MemberData(nameof(PairIndices))]
    public void Cosine_distance_matches_the_high_precision_reference(int index)
    {
        var (cloud, _, cosine) = Pairs()[index];
        double actual = new PairwiseDistance(cloud, DistanceMetric.Cosine).Distance(0, 1);
        // 1 − cos θ ≈ θ²/2: the absolute error of θ becomes θ·1e-16, so the relative error stays near 1e-15 down to
        // θ ≈ 1e-8 and grows below it.
        double angle = Math.Sqrt(2 * cosine);
        Assert.True(
            Math.Abs(actual - cosine) <= (AbsoluteTolerance * angle * 2) + (4 * RelativeTolerance * cosine),
            $"pair {index}: 1 − cos {cosine:R}, clipgeo {actual:R}.");
    }

    private static List<(PointCloud Cloud, double Angle, double Cosine)> Pairs()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", "angular", "angular_distances.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var pairs = new List<(PointCloud, double, double)>();
        foreach (var pair in document.RootElement.GetProperty("pairs").EnumerateArray())
        {
            double[] x = Read(pair.GetProperty("x")), y = Read(pair.GetProperty("y"));
            var cloud = new PointCloud([.. x, .. y], 2, x.Length);
            pairs.Add((cloud, Parse(pair.GetProperty("angle")), Parse(pair.GetProperty("cosineDistance"))));
        }

        return pairs;
    }

    private static double[] Read(JsonElement array) => array.EnumerateArray().Select(Parse).ToArray();

    private static double Parse(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
