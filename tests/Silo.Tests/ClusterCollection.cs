namespace ClipGeometry.Silo.Tests;

/// <summary>
/// Tests that start clusters (silo processes, in-process silos, Redis) run one after another: on a small shared
/// machine several clusters at once starve each other's membership probes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "clusters";
}
