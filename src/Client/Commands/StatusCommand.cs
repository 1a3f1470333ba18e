using System.CommandLine;
using ClipGeometry.Client.Cli;
using ClipGeometry.Client.Sweeps;
using ClipGeometry.Grains;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo status ID</c>: follows a sweep on a cluster until it is over (or prints it once with --once).</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The sweep's id (clipgeo sweeps lists them)." };
        var once = new Option<bool>("--once") { Description = "Print the status once instead of following the sweep." };
        var cluster = new ClusterOptions();
        var command = new Command("status", "Show a sweep's progress on a cluster, following it until it is over.") { id, once };
        cluster.AddTo(command, required: true);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            await using var connection = await ClusterConnection.JoinAsync(cluster.Read(parse, required: true)!, cancellationToken).ConfigureAwait(false);
            var coordinator = connection.Client.GetGrain<ISweepCoordinatorGrain>(parse.GetValue(id)!);
            var status = parse.GetValue(once)
                ? await coordinator.GetStatus().ConfigureAwait(false)
                : await SweepProgress.FollowAsync(context, coordinator, cancellationToken).ConfigureAwait(false);
            if (status.Phase == "new")
            {
                await context.Error.WriteLineAsync($"clipgeo: no sweep {parse.GetValue(id)} on this cluster (clipgeo sweeps lists them).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await context.Out.WriteLineAsync(SweepProgress.Describe(status)).ConfigureAwait(false);
            return status.Phase is "failed" ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }
}
