using System.Text.RegularExpressions;
using ClipGeometry.Grains;
using ClipGeometry.Sweep;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// A <c>clipgeo sweep --clustering redis</c> client process killed with SIGKILL while its sweep runs on a
/// <c>clipgeo-silo</c> process: the sweep goes on in the cluster, and <c>clipgeo results ID --out DIR</c> afterwards
/// fetches results whose diagrams and metrics equal an undisturbed run's byte for byte.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class SweepClientKillTests
{
    [Fact]
    public async Task A_client_killed_mid_sweep_leaves_the_sweep_running_and_clipgeo_results_fetches_it_byte_identical()
    {
        var dataset = SweepFixtures.Dataset(perCategory: 8);
        // clipgeo sweep has no option for the number of null draws, so the reference runs with its default, 10.
        var spec = SweepFixtures.Spec(dataset) with { NullDraws = 10 };
        var reference = new ArtifactStore(SweepFixtures.TempFolder("reference"));
        var referenceResults = reference.PathOf(SweepLoop.Run(reference, "undisturbed", spec));

        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"client-kill-{Guid.NewGuid():N}";
        string[] cluster = ["--clustering", "redis", "--redis", redis.Endpoint, "--cluster-id", clusterId, "--connect-timeout", "120"];
        var silo = SiloProcess.StartOnRedis(redis, clusterId, "--store", SweepFixtures.TempFolder("store"));
        SiloProcess? sweepClient = null;
        try
        {
            await using var client = await ClusterClientHost.ConnectAsync(redis, clusterId);
            await client.WaitForActiveSilosAsync([silo.SiloPort], TimeSpan.FromSeconds(180), "the silo joining");

            sweepClient = SiloProcess.StartClient(
            [
                "sweep", "--dataset", spec.Dataset, "--model", spec.Model, "--perturbation", spec.Perturbations,
                "--shard-size", SiloProcess.Invariant(spec.ShardSize), "--bootstrap", SiloProcess.Invariant(spec.Bootstrap),
                "--angle-k", SiloProcess.Invariant(spec.AngleK), "--seed", SiloProcess.Invariant(spec.Seed),
                "--out", Path.Combine(SweepFixtures.TempFolder("never-written"), "results"), .. cluster,
            ]);

            // The client names its sweep on stderr once the coordinator has accepted it.
            string? sweepId = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (sweepId is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"clipgeo sweep never named its sweep: {sweepClient.Output}");
                Assert.False(sweepClient.HasExited, $"clipgeo sweep exited with {(sweepClient.HasExited ? sweepClient.ExitCode : 0)} before it was killed: {sweepClient.Output}");
                var named = SweepNamed().Match(sweepClient.Output);
                sweepId = named.Success ? named.Groups[1].Value : null;
                await Task.Delay(100);
            }

            var coordinator = client.Client.GetGrain<ISweepCoordinatorGrain>(sweepId);
            var status = await coordinator.GetStatus();
            while (status.EmbedDone == 0 && !status.IsOver)
            {
                Assert.True(DateTime.UtcNow < deadline, $"no shard was embedded: {status}");
                await Task.Delay(100);
                status = await coordinator.GetStatus();
            }
            sweepClient.Kill();
            status = await coordinator.GetStatus();
            Assert.False(status.IsOver, $"the sweep was over before its client was killed; make the spec larger: {status}");

            deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
            while (!status.IsOver)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the sweep did not go on without its client: {status}");
                await Task.Delay(200);
                status = await coordinator.GetStatus();
            }
            Assert.Equal("finished", status.Phase);

            var fetched = Path.Combine(SweepFixtures.TempFolder("fetched"), "results");
            using var results = SiloProcess.StartClient(["results", sweepId, "--out", fetched, .. cluster]);
            var exit = await results.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"clipgeo results exited with {exit}: {results.Output}");

            var expected = NumericFiles(referenceResults);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, NumericFiles(fetched));
            foreach (var file in expected)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(referenceResults, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(fetched, file))),
                    $"{file} fetched by clipgeo results differs from the undisturbed run");
            }
        }
        finally
        {
            sweepClient?.Dispose();
            silo.Dispose();
        }
    }

    private static List<string> NumericFiles(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(SweepFixtures.IsNumeric).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"clipgeo: sweep (\S+) \(cluster\)")]
    private static partial Regex SweepNamed();
}
