namespace ClipGeometry.Geometry.Subspaces;

/// <summary>Summaries of a set of principal angles, in radians.</summary>
/// <param name="Largest">The largest angle.</param>
/// <param name="Smallest">The smallest angle.</param>
/// <param name="Mean">The mean angle.</param>
/// <param name="GrassmannDistance">The geodesic distance on the Grassmannian, √(Σ θ_i²).</param>
/// <param name="Count">The number of angles.</param>
public sealed record PrincipalAngleSummary(double Largest, double Smallest, double Mean, double GrassmannDistance, int Count);
