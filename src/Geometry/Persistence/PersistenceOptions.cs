namespace ClipGeometry.Geometry.Persistence;

/// <summary>Options of a Vietoris–Rips persistence computation.</summary>
public sealed record PersistenceOptions
{
    /// <summary>The largest homology dimension computed (0 to 5 here; Ripser's usual range is 0 to 3).</summary>
    public int MaxDimension { get; init; } = 1;

    /// <summary>
    /// Only simplices of diameter ≤ this enter the filtration; classes alive there are reported as essential.
    /// Null: the enclosing radius, past which the complex is a cone, so nothing is lost (Ripser's default).
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>Reports stages and counts; called from the computing thread.</summary>
    public IProgress<PersistenceProgress>? Progress { get; init; }

    /// <summary>Cancels the computation (checked between columns).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Refuse, before starting, a computation whose estimated memory exceeds this many bytes.
    /// Null: half of the memory available to the process (<see cref="GC.GetGCMemoryInfo()"/>).
    /// </summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>
    /// Run a full blocking garbage collection between the phases of a large dense computation (after the edge list
    /// is built), so that peak memory is the largest phase rather than their sum. Off by default: a library should
    /// not force collections in its host's process; a command-line run that owns its process turns it on.
    /// </summary>
    public bool CollectBetweenPhases { get; init; }

    /// <summary>Threads used where the work splits (distances, apparent pairs, column assembly); −1 for all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The default memory budget: half of the memory the GC may use (physical memory or the container limit).</summary>
    public static long DefaultMemoryBudgetBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    internal void Validate()
    {
        if (MaxDimension is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDimension), MaxDimension, "The homology dimension must be between 0 and 5.");
        }

        if (Threshold is { } t && (double.IsNaN(t) || t < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), t, "The threshold must be a non-negative number.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "The degree of parallelism must be positive, or −1 for all cores.");
        }
    }
}
