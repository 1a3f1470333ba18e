using System.Security;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Cli;

/// <summary>Runs a command's work and turns its outcome into an exit code and one clear sentence on stderr.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="work"/>; exceptions become exit codes 1 (work) or 2 (usage).</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync($"clipgeo: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("clipgeo: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is InputException or InvalidDataException or IOException or UnauthorizedAccessException
                                      or SecurityException or ArgumentException or InvalidOperationException
                                      or NotSupportedException or InsufficientMemoryException or OverflowException)
        {
            await context.Error.WriteLineAsync($"clipgeo: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Runs synchronous <paramref name="work"/>; see <see cref="RunAsync"/>.</summary>
    public static Task<int> Run(CliContext context, Func<int> work) => RunAsync(context, () => Task.FromResult(work()));
}
