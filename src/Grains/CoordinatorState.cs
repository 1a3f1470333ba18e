namespace ClipGeometry.Grains;

/// <summary>A coordinator's persisted state: the spec, the phase and the ledger. Keep the type's name stable: stored state names it.</summary>
[GenerateSerializer]
public sealed class CoordinatorState
{
    /// <summary>The spec as JSON; null before submission.</summary>
    [Id(0)]
    public string? SpecJson { get; set; }

    /// <summary><c>new</c>, <c>planning</c>, <c>running</c>, <c>finished</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    [Id(1)]
    public string Phase { get; set; } = "new";

    /// <summary>Why the sweep failed.</summary>
    [Id(2)]
    public string? Error { get; set; }

    /// <summary>The ledger, by unit key.</summary>
    [Id(3)]
    public Dictionary<string, LedgerEntry> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When submitted.</summary>
    [Id(4)]
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>Seconds per stage.</summary>
    [Id(5)]
    public Dictionary<string, double> Timings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Dispatches beyond the first, over all units.</summary>
    [Id(6)]
    public int Retried { get; set; }

    /// <summary>Images sampled.</summary>
    [Id(7)]
    public int Images { get; set; }

    /// <summary><c>in-process</c> or <c>cluster</c>.</summary>
    [Id(9)]
    public string Mode { get; set; } = "in-process";

    /// <summary>Embedding workers in the cluster when planned.</summary>
    [Id(8)]
    public int Workers { get; set; } = 1;

    /// <summary>W3C id of the sweep's <c>clipgeo.sweep</c> span, so a re-activated coordinator continues its trace.</summary>
    [Id(40)]
    public string? TraceParent { get; set; }
}
