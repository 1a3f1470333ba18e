using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;
using FsCheck.Xunit;

namespace ClipGeometry.Geometry.Tests.Diagrams;

public sealed class DiagramDistanceProperties
{
    private static PersistenceDiagram Make(int[] raw)
    {
        // Pairs of small integers become intervals on a 1/8 grid: ties and points on the diagonal are common.
        var intervals = new List<PersistenceInterval>();
        for (int k = 0; k + 1 < raw.Length && intervals.Count < 12; k += 2)
        {
            double birth = Math.Abs(raw[k] % 16) / 8.0;
            double life = Math.Abs(raw[k + 1] % 12) / 8.0;
            intervals.Add(new PersistenceInterval(birth, birth + life));
        }

        return new PersistenceDiagram(1, intervals);
    }

    private static double Slack(double x) => 1e-9 * (1 + Math.Abs(x));

    [Property(MaxTest = 200)]
    public bool Wasserstein_is_symmetric(int[] x, int[] y, bool l2)
    {
        var (a, b) = (Make(x), Make(y));
        double q = l2 ? 2 : double.PositiveInfinity;
        double ab = WassersteinDistance.Compute(a, b, 2, q);
        return Math.Abs(ab - WassersteinDistance.Compute(b, a, 2, q)) <= Slack(ab);
    }

    [Property(MaxTest = 200)]
    public bool Wasserstein_of_a_diagram_with_itself_is_zero(int[] x) =>
        WassersteinDistance.Compute(Make(x), Make(x), 1) == 0 && BottleneckDistance.Compute(Make(x), Make(x)) == 0;

    [Property(MaxTest = 200)]
    public bool Wasserstein_obeys_the_triangle_inequality(int[] x, int[] y, int[] z, bool l2)
    {
        var (a, b, c) = (Make(x), Make(y), Make(z));
        double q = l2 ? 2 : double.PositiveInfinity;
        foreach (double p in new[] { 1.0, 2.0, 3.0 })
        {
            double ac = WassersteinDistance.Compute(a, c, p, q);
            double abc = WassersteinDistance.Compute(a, b, p, q) + WassersteinDistance.Compute(b, c, p, q);
            if (ac > abc + Slack(abc))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool Bottleneck_is_symmetric_and_obeys_the_triangle_inequality(int[] x, int[] y, int[] z)
    {
        var (a, b, c) = (Make(x), Make(y), Make(z));
        double ab = BottleneckDistance.Compute(a, b);
        double ac = BottleneckDistance.Compute(a, c);
        double bc = BottleneckDistance.Compute(b, c);
        return ab == BottleneckDistance.Compute(b, a) && ac <= ab + bc + Slack(ab + bc);
    }

    [Property(MaxTest = 100)]
    public bool Bottleneck_is_at_most_every_wasserstein(int[] x, int[] y)
    {
        var (a, b) = (Make(x), Make(y));
        double bottleneck = BottleneckDistance.Compute(a, b);
        return bottleneck <= WassersteinDistance.Compute(a, b, 3) + Slack(bottleneck);
    }

    [Property(MaxTest = 300)]
    public bool Sparse_flow_agrees_with_the_dense_assignment(int[] x, int[] y, bool l2, bool square)
    {
        var a = DiagramPoints.From(Make(x));
        var b = DiagramPoints.From(Make(y));
        double q = l2 ? 2 : double.PositiveInfinity;
        double p = square ? 2 : 1;
        double sparse = WassersteinDistance.FiniteCostGeneral(a, b, p, q, CancellationToken.None);
        double dense = WassersteinDistance.FiniteCostDense(a, b, p, q);
        return Math.Abs(sparse - dense) <= Slack(dense);
    }

    [Fact]
    public void Sparse_flow_agrees_with_the_dense_assignment_on_larger_random_diagrams()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            var a = DiagramPoints.From(RandomDiagram(random, random.Next(1, 90)));
            var b = DiagramPoints.From(RandomDiagram(random, random.Next(1, 90)));
            foreach (double p in new[] { 1.0, 2.0, 3.5 })
            {
                double sparse = WassersteinDistance.FiniteCostGeneral(a, b, p, double.PositiveInfinity, CancellationToken.None);
                double dense = WassersteinDistance.FiniteCostDense(a, b, p, double.PositiveInfinity);
                Assert.True(Math.Abs(sparse - dense) <= 1e-12 * (1 + dense), $"trial {trial} p {p}: {sparse:R} vs {dense:R}");
            }
        }
    }

    [Fact]
    public void Auction_bound_holds_on_larger_random_diagrams()
    {
        var random = new Random(23);
        for (int trial = 0; trial < 6; trial++)
        {
            var a = RandomDiagram(random, random.Next(50, 400));
            var b = RandomDiagram(random, random.Next(50, 400));
            foreach (double p in new[] { 1.0, 2.0 })
            {
                double exact = WassersteinDistance.Compute(a, b, p);
                foreach (double requested in new[] { 0.1, 0.001 })
                {
                    var approximate = WassersteinDistance.Approximate(a, b, requested, p);
                    Assert.True(approximate.RelativeErrorBound <= requested, $"bound {approximate.RelativeErrorBound} > {requested}");
                    Assert.InRange(approximate.Value, exact * (1 - 1e-12), exact * (1 + approximate.RelativeErrorBound + 1e-12));
                    Assert.InRange(approximate.LowerBound, 0, exact * (1 + 1e-12));
                }
            }
        }
    }

    private static PersistenceDiagram RandomDiagram(Random random, int count)
    {
        var intervals = new PersistenceInterval[count];
        for (int i = 0; i < count; i++)
        {
            double birth = random.NextDouble();
            intervals[i] = new PersistenceInterval(birth, birth - (0.25 * Math.Log(1 - random.NextDouble())));
        }

        return new PersistenceDiagram(1, intervals);
    }
}
