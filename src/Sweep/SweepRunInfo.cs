namespace ClipGeometry.Sweep;

/// <summary>What the runner knows of a sweep that results.json records besides the spec and plan.</summary>
public sealed record SweepRunInfo
{
    /// <summary>When the sweep was submitted.</summary>
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Seconds per stage: plan, embed, persistence, metrics, total.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();

    /// <summary><c>in-process</c> or <c>cluster</c>.</summary>
    public string Mode { get; init; } = "in-process";

    /// <summary>The cluster's id, when on a cluster.</summary>
    public string? ClusterId { get; init; }

    /// <summary>The silos (address, cores, memory).</summary>
    public IReadOnlyList<SiloDescription> Silos { get; init; } = [];

    /// <summary>Work units in all.</summary>
    public int UnitsTotal { get; init; }

    /// <summary>Units dispatched more than once.</summary>
    public int UnitsRetried { get; init; }

    /// <summary>Units that failed for good.</summary>
    public int UnitsFailed { get; init; }
}
