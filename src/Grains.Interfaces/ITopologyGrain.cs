namespace ClipGeometry.Grains;

/// <summary>Persistence of one point set of a sweep (key: <c>{sweep}/{level}/{category}</c>), under the silo's memory budget.</summary>
public interface ITopologyGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, if started, reports) the unit; returns at once.</summary>
    Task<UnitReport> Start(TopologyWork work);

    /// <summary>The unit's state.</summary>
    Task<UnitReport> Poll();

    /// <summary>Stops the unit.</summary>
    Task Cancel();
}
