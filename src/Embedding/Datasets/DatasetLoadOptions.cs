namespace ClipGeometry.Embedding.Datasets;

/// <summary>Overrides for <see cref="DatasetLoader"/>; every member is optional.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>The layout, when auto-detection should be skipped.</summary>
    public DatasetLayout? Layout { get; init; }

    /// <summary>The image folder (Flickr8k's <c>Flicker8k_Dataset/</c>, COCO's <c>val2017/</c>), when not the usual one.</summary>
    public string? ImagesFolder { get; init; }

    /// <summary>Whether to check that every image file exists (default true); missing ones become issues.</summary>
    public bool CheckFilesExist { get; init; } = true;
}
