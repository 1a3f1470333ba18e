namespace ClipGeometry.Grains;

/// <summary>The list of sweeps submitted to the cluster (key 0).</summary>
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a sweep.</summary>
    Task Add(SweepSummary sweep);

    /// <summary>Every sweep recorded, oldest first.</summary>
    Task<IReadOnlyList<SweepSummary>> List();
}
