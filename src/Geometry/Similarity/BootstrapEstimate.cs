namespace ClipGeometry.Geometry.Similarity;

/// <summary>A bootstrap estimate: mean of the replicates and their 2.5th and 97.5th percentiles.</summary>
/// <param name="Mean">Mean over replicates.</param>
/// <param name="Lower">2.5th percentile.</param>
/// <param name="Upper">97.5th percentile.</param>
/// <param name="Replicates">Number of replicates.</param>
/// <param name="SampleSize">Members drawn per category in each replicate.</param>
/// <param name="Seed">The generator's seed.</param>
public sealed record BootstrapEstimate(double Mean, double Lower, double Upper, int Replicates, int SampleSize, ulong Seed);
