using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>Diagrams equal to those of Debian's ripser 1.2.1 on the committed golden inputs.</summary>
public sealed class RipserGoldenTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in RipserGolden.Cases())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Diagrams_match_ripser(string name)
    {
        var c = RipserGolden.Case(name);
        var expected = RipserGolden.ReadOutput(Path.Combine(RipserGolden.Folder, c.GetProperty("output").GetString()!));
        var result = RipserGolden.Compute(c);
        Assert.Equal(c.GetProperty("dim").GetInt32(), result.MaxDimension);
        foreach (PersistenceDiagram diagram in result.Diagrams)
        {
            RipserGolden.AssertSameIntervals(diagram.Dimension, expected[diagram.Dimension], diagram.Intervals);
        }
    }

    [Fact]
    public void Golden_cases_hold_what_they_are_there_for()
    {
        // Judged by the files' contents, not their names.
        var cases = RipserGolden.Cases().ToList();
        List<double[]> Input(System.Text.Json.JsonElement c) => RipserGolden.ReadRows(Path.Combine(RipserGolden.Folder, c.GetProperty("input").GetString()!));
        bool IsCloud(System.Text.Json.JsonElement c) => c.GetProperty("format").GetString() == "point-cloud";

        // Point clouds in R^3 and in R^512 (CLIP-like).
        Assert.Contains(cases, c => IsCloud(c) && Input(c)[0].Length == 3);
        Assert.Contains(cases, c => IsCloud(c) && Input(c)[0].Length == 512);

        // A cosine point cloud.
        Assert.Contains(cases, c => IsCloud(c) && c.GetProperty("metric").GetString() == "cosine");

        // Ties: a cloud with many equal pairwise distances; duplicates: a cloud with repeated points.
        Assert.Contains(cases, c => IsCloud(c) && TiedPairs(Input(c)) > Input(c).Count);
        Assert.Contains(cases, c => IsCloud(c) && Input(c).Select(r => string.Join(',', r)).Distinct().Count() < Input(c).Count);

        // A threshold below the enclosing radius that leaves essential classes in positive dimension.
        Assert.Contains(cases, c => c.GetProperty("threshold").ValueKind != System.Text.Json.JsonValueKind.Null
            && RipserGolden.ReadOutput(Path.Combine(RipserGolden.Folder, c.GetProperty("output").GetString()!))
                .Any(kv => kv.Key > 0 && kv.Value.Any(p => double.IsPositiveInfinity(p.Death))));

        // Distances written -0, and a lower triangle on one line (Ripser's random20 layout).
        Assert.Contains(cases, c => File.ReadAllText(Path.Combine(RipserGolden.Folder, c.GetProperty("input").GetString()!)).Contains("-0 ", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.GetProperty("format").GetString() == "lower-distance" && Input(c).Count == 1 && Input(c)[0].Length > 100);

        // Every expected output holds every dimension the case computes, with intervals.
        foreach (var c in cases)
        {
            var output = RipserGolden.ReadOutput(Path.Combine(RipserGolden.Folder, c.GetProperty("output").GetString()!));
            for (int d = 0; d <= c.GetProperty("dim").GetInt32(); d++)
            {
                Assert.True(output.ContainsKey(d), $"{c.GetProperty("name").GetString()}: no dimension {d} in ripser's output.");
            }

            Assert.NotEmpty(output[0]);
        }
    }

    private static int TiedPairs(List<double[]> points)
    {
        var seen = new HashSet<double>();
        int ties = 0;
        for (int i = 0; i < points.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double d = Math.Round(points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum(), 9);
                ties += seen.Add(d) ? 0 : 1;
            }
        }

        return ties;
    }
}
