namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// One bar of a barcode: a homology class born at <see cref="Birth"/> and dying at <see cref="Death"/>
/// (<see cref="double.PositiveInfinity"/> for an essential class).
/// </summary>
public readonly record struct PersistenceInterval(double Birth, double Death)
{
    /// <summary>True for an essential class, one that never dies.</summary>
    public bool IsEssential => double.IsPositiveInfinity(Death);

    /// <summary>Death − birth; infinite for an essential class.</summary>
    public double Lifetime => Death - Birth;
}
