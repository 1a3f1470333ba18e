using System.Text.Json;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Diagrams;

/// <summary>
/// The exact equal-birth (H0) path of <see cref="WassersteinDistance"/> and <see cref="BottleneckDistance"/>:
/// equal to the general solvers on many random diagrams, equal to GUDHI (and to SciPy's exact assignment) on
/// Vietoris–Rips H0 diagrams of 200–2,000 points (Golden/metrics/h0_distances.json, made by make_h0_golden.py),
/// and taken whenever it applies.
/// </summary>
public sealed class EqualBirthDistanceTests
{
    private static readonly double[] Orders = [1, 2, 3.5];
    private static readonly double[] Grounds = [double.PositiveInfinity, 2, 1, 3];

    private static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Golden", "metrics", "h0_distances.json"))));

    public static TheoryData<string> GoldenNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Matches_gudhi_on_rips_h0_diagrams(string name)
    {
        var c = Golden.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        double birth = c.GetProperty("birth").GetDouble();
        int essential = c.GetProperty("essential").GetInt32();
        var a = Diagram(c.GetProperty("a"), birth, essential);
        var b = Diagram(c.GetProperty("b"), birth, essential);
        foreach (var w in c.GetProperty("wasserstein").EnumerateArray())
        {
            double order = w.GetProperty("order").GetDouble();
            double ground = GoldenDiagrams.Number(w.GetProperty("ground"));
            double gudhi = w.GetProperty("value").GetDouble();
            double assignment = w.GetProperty("lsa").GetDouble();
            var (value, equalBirths) = WassersteinDistance.ComputeReportingPath(a, b, order, ground, CancellationToken.None);
            Assert.True(equalBirths, $"{name}: the general solver was used");

            // SciPy's exact assignment to rounding; GUDHI's POT to 2e-9, as it stops early on costs near 1e-30.
            GoldenDiagrams.AssertClose(assignment, value, 1e-12, $"{name} W{order} L{ground} (SciPy assignment)");
            GoldenDiagrams.AssertClose(gudhi, value, 2e-9, $"{name} W{order} L{ground} (GUDHI)");
            GoldenDiagrams.AssertClose(assignment, WassersteinDistance.Compute(b, a, order, ground), 1e-12, $"{name} W{order} L{ground} swapped");
        }

        var approximate = WassersteinDistance.Approximate(a, b, 0.01, 2);
        Assert.Equal(WassersteinDistance.Compute(a, b, 2), approximate.Value);
        Assert.Equal(0, approximate.RelativeErrorBound);

        var (bottleneck, fast) = BottleneckDistance.ComputeReportingPath(a, b, double.PositiveInfinity, CancellationToken.None);
        Assert.True(fast, $"{name}: the general bottleneck test was used");
        Assert.Equal(c.GetProperty("bottleneck").GetDouble(), bottleneck);
        Assert.Equal(bottleneck, BottleneckDistance.Compute(b, a));
    }

    [Fact]
    public void Wasserstein_equals_the_general_solver_on_random_equal_birth_diagrams()
    {
        var random = new Random(2026);
        for (int trial = 0; trial < 300; trial++)
        {
            double birth = trial % 3 == 0 ? 0 : Math.Round(random.NextDouble(), 2);
            var (first, second) = RandomPair(random, birth, random.Next(0, 61), random.Next(0, 61));
            foreach (double p in Orders)
            {
                foreach (double q in Grounds)
                {
                    var (value, equalBirths) = WassersteinDistance.ComputeReportingPath(first, second, p, q, CancellationToken.None);
                    double expected = GeneralWasserstein(first, second, p, q);
                    Assert.True(equalBirths || double.IsPositiveInfinity(expected), $"trial {trial}: the general solver was used");
                    AssertRelative(expected, value, $"trial {trial} W{p} L{q}");
                }
            }
        }
    }

    [Fact]
    public void Bottleneck_equals_the_general_test_on_random_equal_birth_diagrams()
    {
        var random = new Random(7002);
        for (int trial = 0; trial < 300; trial++)
        {
            double birth = trial % 3 == 0 ? 0 : Math.Round(random.NextDouble(), 2);
            var (first, second) = RandomPair(random, birth, random.Next(0, 61), random.Next(0, 61));
            foreach (double q in Grounds)
            {
                var (value, equalBirths) = BottleneckDistance.ComputeReportingPath(first, second, q, CancellationToken.None);
                double expected = GeneralBottleneck(first, second, q);
                Assert.True(equalBirths || double.IsPositiveInfinity(expected), $"trial {trial}: the general test was used");
                AssertRelative(expected, value, $"trial {trial} L{q}");
            }
        }
    }

    [Fact]
    public void Different_births_take_the_general_path()
    {
        var a = new PersistenceDiagram(0, [new(0, 1), new(0, 0.5)]);
        var b = new PersistenceDiagram(0, [new(0, 0.7), new(0.1, 0.4)]);
        Assert.False(WassersteinDistance.ComputeReportingPath(a, b, 1, double.PositiveInfinity, CancellationToken.None).EqualBirths);
        Assert.False(BottleneckDistance.ComputeReportingPath(a, b, double.PositiveInfinity, CancellationToken.None).EqualBirths);

        // Each diagram has one birth, but not the same one.
        var c = new PersistenceDiagram(0, [new(0.1, 0.7), new(0.1, 0.4)]);
        Assert.False(WassersteinDistance.ComputeReportingPath(a, c, 1, double.PositiveInfinity, CancellationToken.None).EqualBirths);
        Assert.Equal(GeneralWasserstein(a, c, 1, double.PositiveInfinity), WassersteinDistance.Compute(a, c), 12);
    }

    [Fact]
    public void Hand_example_on_one_vertical_line()
    {
        // Deaths {1, 3} against {1.2, 10}, all born at 0, W1 with L∞: 1 ↔ 1.2 (0.2), 3 ↔ diagonal (1.5),
        // 10 ↔ diagonal (5) = 6.7; matching 3 ↔ 10 would cost 7. Bottleneck: 10 must go to the diagonal, 5.
        var a = new PersistenceDiagram(0, [new(0, 1), new(0, 3), new(0, double.PositiveInfinity)]);
        var b = new PersistenceDiagram(0, [new(0, 1.2), new(0, 10), new(0, double.PositiveInfinity)]);
        Assert.Equal(6.7, WassersteinDistance.Compute(a, b), 12);
        Assert.Equal(5, BottleneckDistance.Compute(a, b));

        // With L2 the diagonal costs death/√2: 0.2 + (3 + 10)/√2 = 9.39 against 0.2 + 7 = 7.2: now 3 ↔ 10.
        Assert.Equal(7.2, WassersteinDistance.Compute(a, b, 1, 2), 12);
    }

    private static (PersistenceDiagram First, PersistenceDiagram Second) RandomPair(Random random, double birth, int n, int m)
    {
        // Matching essential parts most of the time (their cost is added as today); sometimes unequal counts (+∞).
        int essential = random.Next(0, 3);
        bool unequal = random.Next(10) == 0;
        var first = RandomDiagram(random, birth, n, essential);
        var second = RandomDiagram(random, birth, m, unequal ? essential + 1 : essential);
        return (first, second);
    }

    private static PersistenceDiagram RandomDiagram(Random random, double birth, int count, int essential)
    {
        bool grid = random.Next(2) == 0;
        var intervals = new List<PersistenceInterval>();
        for (int i = 0; i < count; i++)
        {
            // On a coarse grid: ties, duplicates and zero-length points (death = birth) are common.
            double life = grid ? random.Next(0, 9) / 8.0 : random.NextDouble() * random.NextDouble() * 3;
            intervals.Add(new PersistenceInterval(birth, birth + life));
            if (random.Next(8) == 0)
            {
                intervals.Add(new PersistenceInterval(birth, birth + life)); // an exact duplicate
            }
        }

        for (int e = 0; e < essential; e++)
        {
            intervals.Add(new PersistenceInterval(random.Next(0, 4) / 4.0, double.PositiveInfinity));
        }

        if (random.Next(6) == 0)
        {
            intervals.Add(new PersistenceInterval(double.NegativeInfinity, double.PositiveInfinity));
        }

        return new PersistenceDiagram(0, intervals);
    }

    private static double GeneralWasserstein(PersistenceDiagram first, PersistenceDiagram second, double p, double q)
    {
        var a = DiagramPoints.From(first);
        var b = DiagramPoints.From(second);
        double essential = DiagramPoints.EssentialCost(a, b, p);
        return double.IsPositiveInfinity(essential)
            ? double.PositiveInfinity
            : Math.Pow(WassersteinDistance.FiniteCostGeneral(a, b, p, q, CancellationToken.None) + essential, 1 / p);
    }

    private static double GeneralBottleneck(PersistenceDiagram first, PersistenceDiagram second, double q)
    {
        var a = DiagramPoints.From(first);
        var b = DiagramPoints.From(second);
        double essential = DiagramPoints.EssentialBottleneck(a, b);
        return double.IsPositiveInfinity(essential)
            ? double.PositiveInfinity
            : Math.Max(essential, BottleneckDistance.FinitePartGeneral(a, b, q, CancellationToken.None));
    }

    private static void AssertRelative(double expected, double actual, string what)
    {
        if (double.IsPositiveInfinity(expected))
        {
            Assert.True(double.IsPositiveInfinity(actual), $"{what}: expected +inf, got {actual:R}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static PersistenceDiagram Diagram(JsonElement deaths, double birth, int essential)
    {
        var intervals = new List<PersistenceInterval>();
        foreach (var d in deaths.EnumerateArray())
        {
            intervals.Add(new PersistenceInterval(birth, d.GetDouble()));
        }

        for (int e = 0; e < essential; e++)
        {
            intervals.Add(new PersistenceInterval(birth, double.PositiveInfinity));
        }

        return new PersistenceDiagram(0, intervals);
    }
}
