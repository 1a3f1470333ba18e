namespace ClipGeometry.Geometry.Persistence;

/// <summary>Where a persistence computation is: the dimension, the stage, and how many of its items are done.</summary>
/// <param name="Dimension">The homology dimension being computed.</param>
/// <param name="Stage">A short word: "distances", "edges", "columns", "reduction", "subsample".</param>
/// <param name="Done">Items done in this stage.</param>
/// <param name="Total">Items in this stage.</param>
public readonly record struct PersistenceProgress(int Dimension, string Stage, long Done, long Total);
