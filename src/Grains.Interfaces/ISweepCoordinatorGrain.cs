namespace ClipGeometry.Grains;

/// <summary>
/// A sweep's coordinator (key: the sweep id): accepts a spec and returns at once; plans; keeps a persisted ledger of
/// work units; dispatches each unit as soon as its inputs exist; re-drives unfinished units after a restart; writes
/// the results directory; serves it to clients in chunks.
/// </summary>
public interface ISweepCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep of <paramref name="specJson"/> (a SweepSpec as JSON); a second submit of the same id is ignored.</summary>
    /// <param name="specJson">The spec.</param>
    /// <param name="mode"><c>in-process</c> or <c>cluster</c>, as results.json records it.</param>
    Task<SweepStatus> Submit(string specJson, string mode);

    /// <summary>The sweep's progress.</summary>
    Task<SweepStatus> GetStatus();

    /// <summary>Cancels the sweep: running units are told to stop and nothing more is dispatched.</summary>
    Task<SweepStatus> Cancel();

    /// <summary>The files of the finished results directory.</summary>
    Task<IReadOnlyList<ResultFile>> ListResults();

    /// <summary>Up to <paramref name="count"/> bytes (at most 4 MiB) of a results file from <paramref name="offset"/>.</summary>
    Task<ResultChunk> ReadResult(string path, long offset, int count);
}
