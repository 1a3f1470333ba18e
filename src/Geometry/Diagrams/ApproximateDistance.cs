namespace ClipGeometry.Geometry.Diagrams;

/// <summary>An approximate diagram distance with a proven bound on its error.</summary>
/// <param name="Value">The distance of the matching found (an upper bound on the exact distance).</param>
/// <param name="RelativeErrorBound">A proven bound on (Value − exact) / exact.</param>
/// <param name="LowerBound">A proven lower bound on the exact distance, from the dual prices.</param>
public sealed record ApproximateDistance(double Value, double RelativeErrorBound, double LowerBound);
