namespace ClipGeometry.Grains;

/// <summary>The sweeps a cluster has seen. Keep the type's name stable: stored state names it.</summary>
[GenerateSerializer]
public sealed class SweepRegistryState
{
    /// <summary>The sweeps, oldest first.</summary>
    [Id(0)]
    public List<SweepSummary> Sweeps { get; set; } = [];
}
