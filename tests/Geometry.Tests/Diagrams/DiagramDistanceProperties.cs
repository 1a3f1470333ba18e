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
}
