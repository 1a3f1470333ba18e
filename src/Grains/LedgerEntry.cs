using ClipGeometry.Sweep;

namespace ClipGeometry.Grains;

/// <summary>One work unit in a coordinator's ledger.</summary>
[GenerateSerializer]
public sealed class LedgerEntry
{
    /// <summary>The unit's kind (<c>embed</c>, <c>texts</c>, <c>topology</c>, <c>replicates</c>, <c>null</c>, <c>wasserstein-replicates</c>, <c>wasserstein</c>, <c>angles</c>, <c>similarity</c>, <c>results</c>: the <c>*Kind</c> constants of SweepUnits).</summary>
    [Id(0)]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The category (or <c>global</c>).</summary>
    [Id(1)]
    public string Category { get; set; } = string.Empty;

    /// <summary>The shard index (embed units) or the replicate chunk (replicate units).</summary>
    [Id(2)]
    public int Shard { get; set; }

    /// <summary>The level index (topology units).</summary>
    [Id(3)]
    public int Level { get; set; }

    /// <summary>The status.</summary>
    [Id(4)]
    public UnitStatus Status { get; set; } = UnitStatus.Pending;

    /// <summary>Times dispatched.</summary>
    [Id(5)]
    public int Attempts { get; set; }

    /// <summary>The last error.</summary>
    [Id(6)]
    public string? Error { get; set; }

    /// <summary>Points planned (units that compute persistence, for the memory budget).</summary>
    [Id(7)]
    public int Points { get; set; }

    /// <summary>The pending entry of <paramref name="unit"/>.</summary>
    public static LedgerEntry Of(SweepUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new LedgerEntry { Kind = unit.Kind, Category = unit.Category, Level = unit.Level, Shard = unit.Index, Points = unit.Points };
    }
}
