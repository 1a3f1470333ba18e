using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Persistence entropy (Chintakunta et al. 2015; Rucco et al. 2016): E = −Σ (ℓ_i / L) ln(ℓ_i / L) over the finite
/// intervals of positive lifetime ℓ_i, L = Σ ℓ_i. Natural logarithm; 0 for a diagram with at most one such interval.
/// </summary>
public static class PersistenceEntropy
{
    /// <summary>The entropy of the finite lifetimes.</summary>
    public static double Compute(PersistenceDiagram diagram)
    {
        double total = TotalPersistence.Compute(diagram);
        if (total <= 0)
        {
            return 0;
        }

        double entropy = 0;
        foreach (var p in diagram.Intervals)
        {
            double life = p.Lifetime;
            if (!p.IsEssential && life > 0)
            {
                double share = life / total;
                entropy -= share * Math.Log(share);
            }
        }

        return entropy;
    }
}
