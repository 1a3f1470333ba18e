using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Diagrams;

public sealed class WassersteinDistanceTests
{
    public static TheoryData<string> Names => GoldenDiagrams.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_gudhi_exact_wasserstein(string name)
    {
        var c = GoldenDiagrams.Case(name);
        var a = GoldenDiagrams.Diagram(c.GetProperty("a"));
        var b = GoldenDiagrams.Diagram(c.GetProperty("b"));
        foreach (var w in c.GetProperty("wasserstein").EnumerateArray())
        {
            double order = w.GetProperty("order").GetDouble();
            double ground = GoldenDiagrams.Number(w.GetProperty("ground"));
            double expected = GoldenDiagrams.Number(w.GetProperty("value"));
            GoldenDiagrams.AssertClose(expected, WassersteinDistance.Compute(a, b, order, ground), 1e-9, $"{name} W{order} L{ground}");
            GoldenDiagrams.AssertClose(expected, WassersteinDistance.Compute(b, a, order, ground), 1e-9, $"{name} W{order} L{ground} swapped");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Auction_stays_within_its_reported_bound(string name)
    {
        var c = GoldenDiagrams.Case(name);
        var a = GoldenDiagrams.Diagram(c.GetProperty("a"));
        var b = GoldenDiagrams.Diagram(c.GetProperty("b"));
        foreach (var w in c.GetProperty("wasserstein").EnumerateArray())
        {
            double order = w.GetProperty("order").GetDouble();
            double ground = GoldenDiagrams.Number(w.GetProperty("ground"));
            double expected = GoldenDiagrams.Number(w.GetProperty("value"));
            var approximate = WassersteinDistance.Approximate(a, b, 0.01, order, ground);
            if (double.IsPositiveInfinity(expected))
            {
                Assert.True(double.IsPositiveInfinity(approximate.Value));
                continue;
            }

            Assert.True(approximate.RelativeErrorBound <= 0.01 + 1e-12, $"{name}: bound {approximate.RelativeErrorBound}");
            Assert.True(approximate.Value >= expected * (1 - 1e-12), $"{name}: {approximate.Value} below exact {expected}");
            Assert.True(approximate.LowerBound <= expected * (1 + 1e-12), $"{name}: lower bound {approximate.LowerBound} above exact {expected}");
            Assert.True(approximate.Value <= expected * (1 + approximate.RelativeErrorBound) * (1 + 1e-12) + 1e-300, $"{name}: {approximate.Value} vs {expected}");
        }
    }

    [Fact]
    public void Order_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WassersteinDistance.Compute(PersistenceDiagram.Empty(0), PersistenceDiagram.Empty(0), 0.5));

    [Fact]
    public void Unequal_essential_counts_give_infinity()
    {
        var a = new PersistenceDiagram(0, [new(0, double.PositiveInfinity)]);
        Assert.Equal(double.PositiveInfinity, WassersteinDistance.Compute(a, PersistenceDiagram.Empty(0)));
        Assert.Equal(double.PositiveInfinity, BottleneckDistance.Compute(a, PersistenceDiagram.Empty(0)));
    }

    [Fact]
    public void Hand_example()
    {
        // (0,1) ↔ (0.1,1.1) costs 0.1 in L∞; (0.5,0.6) goes to the diagonal for 0.05; essentials 0.2 ↔ 0.3 cost 0.1.
        var a = new PersistenceDiagram(1, [new(0, 1), new(0.2, double.PositiveInfinity), new(0.5, 0.6)]);
        var b = new PersistenceDiagram(1, [new(0.1, 1.1), new(0.3, double.PositiveInfinity)]);
        Assert.Equal(0.25, WassersteinDistance.Compute(a, b), 12);
        Assert.Equal(0.1, BottleneckDistance.Compute(a, b), 12);
    }
}
