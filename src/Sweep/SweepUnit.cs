namespace ClipGeometry.Sweep;

/// <summary>
/// One work unit of a sweep: its key (the ledger's, the store's and the grain's name for it), its kind and what it
/// is about. Built by <see cref="SweepUnits.All"/>; its inputs are <see cref="SweepUnits.Inputs"/>.
/// </summary>
/// <param name="Key">The unit key, e.g. <c>topology/sigma-1/animal/replicates/0</c>.</param>
/// <param name="Kind">One of the <c>*Kind</c> constants of <see cref="SweepUnits"/>.</param>
/// <param name="Level">The level's index in the spec (0 where the unit has no level).</param>
/// <param name="Category">The category or <c>global</c> (empty where the unit has none).</param>
/// <param name="Index">The shard index (embed units) or the replicate chunk (replicate units); 0 otherwise.</param>
/// <param name="Points">The point set's size as planned, for the memory budget of units that compute persistence; 0 otherwise.</param>
public sealed record SweepUnit(string Key, string Kind, int Level, string Category, int Index, int Points)
{
    /// <summary>The progress stage the unit counts under: <c>embedding</c>, <c>persistence</c> or <c>metrics</c>.</summary>
    public string Stage => SweepUnits.StageOf(Kind);
}
