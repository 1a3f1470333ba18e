namespace ClipGeometry.Geometry.Diagrams;

/// <summary>A 1-D Wasserstein distance between diagram statistics, with the essential classes it left out.</summary>
/// <param name="Value">The distance.</param>
/// <param name="EssentialLeftOutFirst">Essential classes of the first diagram not in its sample.</param>
/// <param name="EssentialLeftOutSecond">Essential classes of the second diagram not in its sample.</param>
public sealed record SampleDistance(double Value, int EssentialLeftOutFirst, int EssentialLeftOutSecond);
