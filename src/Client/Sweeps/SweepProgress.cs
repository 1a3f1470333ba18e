using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Grains;
using Spectre.Console;

namespace ClipGeometry.Client.Sweeps;

/// <summary>
/// Follows a sweep by polling its coordinator (short calls, so the client can detach and re-attach): one bar per
/// stage with counts, rate and ETA on a terminal; plain lines every few seconds otherwise.
/// </summary>
internal static class SweepProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls until the sweep is over (or <paramref name="cancellationToken"/> fires); returns the last status.</summary>
    public static async Task<SweepStatus> FollowAsync(CliContext context, ISweepCoordinatorGrain coordinator, CancellationToken cancellationToken)
    {
        bool interactive = ReferenceEquals(context, CliContext.Console) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return interactive ? await Bars(coordinator, cancellationToken).ConfigureAwait(false) : await Lines(context, coordinator, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SweepStatus> Lines(CliContext context, ISweepCoordinatorGrain coordinator, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string last = string.Empty;
        var lastTime = TimeSpan.Zero;
        while (true)
        {
            var status = await coordinator.GetStatus().ConfigureAwait(false);
            string line = Describe(status);
            if (status.IsOver || (line != last && clock.Elapsed - lastTime >= TimeSpan.FromSeconds(2)))
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"clipgeo: {clock.Elapsed.TotalSeconds:F0} s: {line}")).ConfigureAwait(false);
                last = line;
                lastTime = clock.Elapsed;
            }

            if (status.IsOver)
            {
                return status;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Describe(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        string counts = string.Create(CultureInfo.InvariantCulture,
            $"sweep {status.SweepId} {status.Phase}: embedding {status.EmbedDone}/{status.EmbedTotal} shards ({status.Images} images), persistence {status.PersistenceDone}/{status.PersistenceTotal}, metrics {status.MetricsDone}/{status.MetricsTotal}");
        string retried = status.Retried > 0 ? string.Create(CultureInfo.InvariantCulture, $", {status.Retried} units retried") : string.Empty;
        return counts + retried + (status.Error is { } e ? " — " + e : string.Empty);
    }

    private static async Task<SweepStatus> Bars(ISweepCoordinatorGrain coordinator, CancellationToken cancellationToken)
    {
        SweepStatus status = await coordinator.GetStatus().ConfigureAwait(false);
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var embed = progress.AddTask("embedding (shards)", maxValue: 1);
                var topology = progress.AddTask("persistence (units)", maxValue: 1);
                var metrics = progress.AddTask("metrics (units)", maxValue: 1);
                while (true)
                {
                    status = await coordinator.GetStatus().ConfigureAwait(false);
                    embed.MaxValue = Math.Max(1, status.EmbedTotal);
                    embed.Value = status.EmbedDone;
                    embed.Description = string.Create(CultureInfo.InvariantCulture, $"embedding {status.EmbedDone}/{status.EmbedTotal} shards");
                    topology.MaxValue = Math.Max(1, status.PersistenceTotal);
                    topology.Value = status.PersistenceDone;
                    topology.Description = string.Create(CultureInfo.InvariantCulture, $"persistence {status.PersistenceDone}/{status.PersistenceTotal}");
                    metrics.MaxValue = Math.Max(1, status.MetricsTotal);
                    metrics.Value = status.MetricsDone;
                    metrics.Description = string.Create(CultureInfo.InvariantCulture, $"metrics {status.MetricsDone}/{status.MetricsTotal}");
                    if (status.IsOver)
                    {
                        return;
                    }

                    await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return status;
    }
}
