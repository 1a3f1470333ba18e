namespace ClipGeometry.Embedding.Datasets;

/// <summary>How <see cref="DatasetSampler"/> draws a sample.</summary>
public sealed record DatasetSampleOptions
{
    /// <summary>The seed; the same seed and dataset give the same sample.</summary>
    public int Seed { get; init; }

    /// <summary>The most images in the sample; null for no limit.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The most images of any one category; null for no limit.</summary>
    public int? PerCategoryCap { get; init; }

    /// <summary>Whether images of the category <see cref="OtherCategory"/> are kept (default false: excluded).</summary>
    public bool IncludeOther { get; init; }

    /// <summary>The name of the catch-all category (default <c>other</c>).</summary>
    public string OtherCategory { get; init; } = "other";
}
