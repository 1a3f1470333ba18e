namespace ClipGeometry.Grains;

/// <summary>Where a work unit stands.</summary>
[GenerateSerializer]
public enum UnitStatus
{
    /// <summary>The grain knows nothing of the unit (a fresh activation, say): dispatch it again.</summary>
    Unknown,

    /// <summary>Waiting for its inputs or a worker.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Done; its outputs are in the store.</summary>
    Done,

    /// <summary>Failed; <see cref="UnitReport.Error"/> says why.</summary>
    Failed,
}
