namespace ClipGeometry.Silo.Tests;

/// <summary>Persisted state of <see cref="CounterProbeGrain"/>.</summary>
[GenerateSerializer]
public sealed class CounterProbeState
{
    [Id(0)]
    public long Total { get; set; }
}

/// <summary>A grain whose state lives in the cluster's grain storage, reporting where it runs.</summary>
public interface ICounterProbeGrain : IGrainWithIntegerKey
{
    Task<long> Add(long amount);

    Task<string> Silo();
}

/// <summary>Stands in for the coordinator's persisted ledger until the sweep's grains are merged.</summary>
public sealed class CounterProbeGrain(
    [PersistentState("counter", SiloConfiguration.StorageName)] IPersistentState<CounterProbeState> state,
    ILocalSiloDetails silo) : Grain, ICounterProbeGrain
{
    public async Task<long> Add(long amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
