using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Sweep;

/// <summary>Distances between two diagrams of one dimension, as <c>clipgeo distance</c> computes them.</summary>
public static class DiagramComparison
{
    /// <summary>
    /// The distance of <paramref name="kind"/> between <paramref name="first"/> and <paramref name="second"/>; NaN for the
    /// 1-D distance when either diagram has no finite interval (it is not defined there).
    /// </summary>
    public static double Distance(DistanceKind kind, PersistenceDiagram first, PersistenceDiagram second, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        switch (kind.Kind)
        {
            case "bottleneck":
                return BottleneckDistance.Compute(first, second, double.PositiveInfinity, cancellationToken);
            case "wasserstein-1d":
                if (!first.Intervals.Any(static i => !i.IsEssential) || !second.Intervals.Any(static i => !i.IsEssential))
                {
                    return double.NaN;
                }

                return SampleWassersteinDistance.OfDiagrams(first, second, DiagramStatistic.Lifetime).Value;
            default:
                double p = kind.Order == "2" ? 2 : 1;
                double q = kind.Ground == "2" ? 2 : double.PositiveInfinity;
                return WassersteinDistance.Compute(first, second, p, q, cancellationToken);
        }
    }
}
