using ClipGeometry.Grains.Hosting;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Xunit.Abstractions;

namespace ClipGeometry.Grains.Tests;

/// <summary>The coordinator's persisted ledger at Flickr8k scale with the default spec (B = 100).</summary>
public sealed class LedgerSizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_ledger_of_a_Flickr8k_sweep_at_the_defaults_stays_small()
    {
        // 8,091 images in 5 caption categories and "other", shards of 32, 6 levels, B = 100 (the defaults).
        string[] categories = ["animal", "people", "vehicle", "food", "sport", "other"];
        var items = Enumerable.Range(0, 8091).Select(i => new SweepItem(i, $"Images/{i}.jpg", $"/data/flickr8k/Images/{i}.jpg", categories[i % 6], [])).ToList();
        var shards = categories.SelectMany(c => items.Where(i => i.Category == c).Select(static i => i.Index).Chunk(32).Select((chunk, k) => new SweepShard(c, k, chunk))).ToList();
        var plan = new SweepPlan
        {
            Items = items,
            Categories = categories,
            Analysed = categories[..5],
            Shards = shards,
            Sampled = categories.ToDictionary(static c => c, c => items.Count(i => i.Category == c)),
        };
        var spec = new SweepSpec { Dataset = "/data/flickr8k", Model = "/models/clip", Perturbations = "blur:0,1,2,3,4,5" };
        Assert.Equal(100, spec.Bootstrap);

        var units = SweepUnits.All(spec, plan);
        var state = new CoordinatorState { SpecJson = spec.ToJson(), Phase = "running" };
        foreach (var unit in units)
        {
            state.Units[unit.Key] = LedgerEntry.Of(unit);
        }

        // As the silos' Redis storage writes it (the silo's default grain-storage serializer).
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = Path.Combine(Path.GetTempPath(), "clipgeo-ledger-" + Guid.NewGuid().ToString("N")) }));
        using var host = builder.Build();
        int bytes = host.Services.GetRequiredService<IGrainStorageSerializer>().Serialize(state).ToArray().Length;
        string counts = string.Join(", ", units.GroupBy(static u => u.Kind).Select(static g => $"{g.Key} {g.Count()}"));
        output.WriteLine($"{units.Count} units ({counts}); persisted state {bytes} bytes");

        Assert.Equal(6 * 6 * 4, units.Count(static u => u.Kind == SweepUnits.ReplicatesKind));
        Assert.Equal(6 * 5 * 4, units.Count(static u => u.Kind == SweepUnits.WassersteinReplicatesKind));
        Assert.InRange(units.Count, 500, 2000);
        Assert.InRange(bytes, 1, 512 * 1024);
    }
}
