using ClipGeometry.Grains.Hosting;

namespace ClipGeometry.Grains;

/// <summary>The list of sweeps (key 0), persisted.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", ClipGeometrySiloConfiguration.StorageName)] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    /// <inheritdoc />
    public async Task Add(SweepSummary sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (state.State.Sweeps.Exists(s => s.SweepId == sweep.SweepId))
        {
            return;
        }

        state.State.Sweeps.Add(sweep);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SweepSummary>> List() => Task.FromResult<IReadOnlyList<SweepSummary>>(state.State.Sweeps.ToList());
}
