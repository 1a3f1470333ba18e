using ClipGeometry.Grains;

namespace ClipGeometry.Client.Sweeps;

/// <summary>Fetches a finished sweep's results directory through its coordinator, in chunks of a few MB: the client needs no access to the store.</summary>
internal static class ResultsFetcher
{
    /// <summary>The bytes asked for per call.</summary>
    public const int ChunkBytes = 4 << 20;

    /// <summary>Writes every results file under <paramref name="outDirectory"/>; returns the number of files.</summary>
    public static async Task<int> FetchAsync(ISweepCoordinatorGrain coordinator, string outDirectory, CancellationToken cancellationToken)
    {
        var files = await coordinator.ListResults().ConfigureAwait(false);
        foreach (var file in files)
        {
            string path = Path.GetFullPath(Path.Combine(outDirectory, file.Path));
            if (!path.StartsWith(Path.GetFullPath(outDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The results name a file outside {outDirectory}: {file.Path}.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
            for (long offset = 0; offset < file.Length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = await coordinator.ReadResult(file.Path, offset, ChunkBytes).ConfigureAwait(false);
                if (chunk.Data.Length == 0)
                {
                    throw new IOException($"{file.Path}: the results file ended at {offset} of {file.Length} bytes.");
                }

                await stream.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
                offset += chunk.Data.Length;
            }
        }

        // Merge: once `clipgeo report` exists, write report.html here (the one call site): ReportCommand.Write(outDirectory).
        return files.Count;
    }
}
