namespace ClipGeometry.Geometry.Diagrams;

/// <summary>Which number of each finite interval forms the sample compared by <see cref="SampleWassersteinDistance"/>.</summary>
public enum DiagramStatistic
{
    /// <summary>Death − birth.</summary>
    Lifetime,

    /// <summary>The death value.</summary>
    Death,

    /// <summary>The birth value.</summary>
    Birth,
}
