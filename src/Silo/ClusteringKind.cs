namespace ClipGeometry.Silo;

/// <summary>How silos find each other.</summary>
public enum ClusteringKind
{
    /// <summary>One machine, fixed endpoints, in-memory state (development).</summary>
    Localhost,

    /// <summary>Membership, grain state and reminders in Redis (a real cluster).</summary>
    Redis,
}
