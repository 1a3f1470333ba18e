namespace ClipGeometry.Geometry.Persistence;

/// <summary>The persistence diagram of one homology dimension: a multiset of intervals.</summary>
public sealed class PersistenceDiagram
{
    /// <summary>Creates a diagram of dimension <paramref name="dimension"/> from a copy of <paramref name="intervals"/>.</summary>
    /// <remarks>Births may be −∞ and (with death +∞) +∞, as in GUDHI's diagrams.</remarks>
    /// <exception cref="ArgumentException">An interval has a NaN end or dies before it is born.</exception>
    public PersistenceDiagram(int dimension, IReadOnlyList<PersistenceInterval> intervals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentNullException.ThrowIfNull(intervals);
        for (int i = 0; i < intervals.Count; i++)
        {
            var (birth, death) = intervals[i];
            if (double.IsNaN(birth) || double.IsNaN(death) || death < birth)
            {
                throw new ArgumentException(
                    $"Interval {i} [{birth}, {death}) of the dimension-{dimension} diagram is not a valid persistence interval.",
                    nameof(intervals));
            }
        }

        Dimension = dimension;
        Intervals = [.. intervals];
    }

    /// <summary>The homology dimension.</summary>
    public int Dimension { get; }

    /// <summary>The intervals, in the order given (the diagram's own copy).</summary>
    public IReadOnlyList<PersistenceInterval> Intervals { get; }

    /// <summary>The number of essential (infinite) classes.</summary>
    public int EssentialCount => Intervals.Count(static p => p.IsEssential);

    /// <summary>An empty diagram of dimension <paramref name="dimension"/>.</summary>
    public static PersistenceDiagram Empty(int dimension) => new(dimension, Array.Empty<PersistenceInterval>());
}
