namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Returns the large temporary arrays of a finished phase (input rows, sort keys) to the system before the next
/// phase allocates, so that peak memory is the largest phase rather than the sum of phases: large arrays live on
/// the large-object heap, which only a full collection frees. Only worth it (and only done) for big garbage.
/// </summary>
internal static class PhaseBoundary
{
    private const long MinimumBytes = 4L << 20;

    public static void Collect(long garbageBytes)
    {
        if (garbageBytes >= MinimumBytes)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
