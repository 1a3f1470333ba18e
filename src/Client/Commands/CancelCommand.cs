using System.CommandLine;
using ClipGeometry.Client.Cli;
using ClipGeometry.Client.Sweeps;
using ClipGeometry.Grains;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo cancel ID</c>: cancels a sweep on a cluster.</summary>
internal static class CancelCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The sweep's id." };
        var cluster = new ClusterOptions();
        var command = new Command("cancel", "Cancel a sweep on a cluster: nothing more is dispatched and running units are told to stop.") { id };
        cluster.AddTo(command, required: true);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            await using var connection = await ClusterConnection.JoinAsync(cluster.Read(parse, required: true)!, cancellationToken).ConfigureAwait(false);
            var status = await connection.Client.GetGrain<ISweepCoordinatorGrain>(parse.GetValue(id)!).Cancel().ConfigureAwait(false);
            await context.Out.WriteLineAsync(SweepProgress.Describe(status)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
