namespace ClipGeometry.Grains;

/// <summary>
/// A sweep's bootstrap-replicate and metrics units (key: <c>{sweep}/{unit key}</c>): run on the silo's bounded pool,
/// started at once, polled, like <see cref="ITopologyGrain"/>.
/// </summary>
public interface ISweepUnitGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, if started, reports) the unit; returns at once.</summary>
    Task<UnitReport> Start(SweepUnitWork work);

    /// <summary>The unit's state.</summary>
    Task<UnitReport> Poll();

    /// <summary>Stops the unit.</summary>
    Task Cancel();
}
