using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>Total persistence Σ (death − birth)^p over the finite intervals (essential classes have none to add).</summary>
public static class TotalPersistence
{
    /// <summary>Σ lifetime^p over finite intervals, p ≥ 1 (default 1).</summary>
    public static double Compute(PersistenceDiagram diagram, double order = 1)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        if (!(order > 0) || double.IsInfinity(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The order must be a finite number > 0.");
        }

        double sum = 0;
        foreach (var p in diagram.Intervals)
        {
            if (!p.IsEssential)
            {
                sum += DiagramPoints.Power(p.Lifetime, order);
            }
        }

        return sum;
    }
}
