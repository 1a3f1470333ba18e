using ClipGeometry.Geometry.Diagrams;

namespace ClipGeometry.Geometry.Tests.Diagrams;

public sealed class BottleneckDistanceTests
{
    public static TheoryData<string> Names => GoldenDiagrams.Names();

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
    [MemberData(nameof(Names))]
    public void Sample_wasserstein_matches_scipy(string name)
    {
        var c = GoldenDiagrams.Case(name);
        if (!c.TryGetProperty("lifetime1d", out var lifetime))
        {
            return;
        }

        var a = GoldenDiagrams.Diagram(c.GetProperty("a"));
        var b = GoldenDiagrams.Diagram(c.GetProperty("b"));
        GoldenDiagrams.AssertClose(lifetime.GetDouble(), SampleWassersteinDistance.OfDiagrams(a, b).Value, 1e-9, name + " lifetimes");
        GoldenDiagrams.AssertClose(c.GetProperty("death1d").GetDouble(), SampleWassersteinDistance.OfDiagrams(a, b, DiagramStatistic.Death).Value, 1e-9, name + " deaths");
    }
}
