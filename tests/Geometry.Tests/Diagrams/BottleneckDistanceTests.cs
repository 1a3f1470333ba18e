using ClipGeometry.Geometry.Diagrams;

namespace ClipGeometry.Geometry.Tests.Diagrams;

public sealed class BottleneckDistanceTests
{
    public static TheoryData<string> Names => GoldenDiagrams.Names();

    /// <summary>The cases with a SciPy 1-D golden: both diagrams have finite points and no infinite birth.</summary>
    public static TheoryData<string> SampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in GoldenDiagrams.Cases.Where(c => c.TryGetProperty("lifetime1d", out _)))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Sample_goldens_leave_out_only_cases_without_finite_points()
    {
        // Empty diagrams, essential points only, or infinite births: SciPy's 1-D distance is undefined there.
        string[] without = [.. GoldenDiagrams.Cases.Where(c => !c.TryGetProperty("lifetime1d", out _)).Select(c => c.GetProperty("name").GetString()!)];
        Assert.Equal(
            ["both-empty", "empty-vs-three", "three-vs-empty", "essential-only", "gudhi-essential-kinds", "gudhi-minus-inf-birth-count-differs", "gudhi-unbounded-count-differs", "gudhi-minus-inf-births-only"],
            without);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_gudhi_exact_bottleneck(string name)
    {
        var c = GoldenDiagrams.Case(name);
        var a = GoldenDiagrams.Diagram(c.GetProperty("a"));
        var b = GoldenDiagrams.Diagram(c.GetProperty("b"));
        double expected = GoldenDiagrams.Number(c.GetProperty("bottleneck"));
        GoldenDiagrams.AssertClose(expected, BottleneckDistance.Compute(a, b), 1e-9, name);
        GoldenDiagrams.AssertClose(expected, BottleneckDistance.Compute(b, a), 1e-9, name + " swapped");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_wasserstein_matches_scipy(string name)
    {
        var c = GoldenDiagrams.Case(name);
        var lifetime = c.GetProperty("lifetime1d");
        var a = GoldenDiagrams.Diagram(c.GetProperty("a"));
        var b = GoldenDiagrams.Diagram(c.GetProperty("b"));
        GoldenDiagrams.AssertClose(lifetime.GetDouble(), SampleWassersteinDistance.OfDiagrams(a, b).Value, 1e-9, name + " lifetimes");
        GoldenDiagrams.AssertClose(c.GetProperty("death1d").GetDouble(), SampleWassersteinDistance.OfDiagrams(a, b, DiagramStatistic.Death).Value, 1e-9, name + " deaths");
    }
}
