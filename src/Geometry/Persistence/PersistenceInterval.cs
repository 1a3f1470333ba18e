namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// One bar of a barcode: a homology class born at <see cref="Birth"/> and dying at <see cref="Death"/>
/// (<see cref="double.PositiveInfinity"/> for an essential class). Diagrams read from other tools may also hold
/// GUDHI's other essential points (−∞, d), (−∞, +∞), and the diagonal points (−∞, −∞) and (+∞, +∞).
/// </summary>
public readonly record struct PersistenceInterval(double Birth, double Death)
{
    /// <summary>True for an essential point: one with an infinite coordinate (a class that never dies, or (−∞, d)).</summary>
    public bool IsEssential => double.IsInfinity(Death) || double.IsInfinity(Birth);

    /// <summary>Death − birth; infinite for an essential class.</summary>
    public double Lifetime => Death - Birth;
}
