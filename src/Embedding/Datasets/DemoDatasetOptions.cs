namespace ClipGeometry.Embedding.Datasets;

/// <summary>What <see cref="DemoDatasetGenerator"/> draws.</summary>
public sealed record DemoDatasetOptions
{
    /// <summary>The seed: the same seed and options give byte-identical files.</summary>
    public int Seed { get; init; }

    /// <summary>Images per category (default 40).</summary>
    public int ImagesPerCategory { get; init; } = 40;

    /// <summary>Image width in pixels (default 256).</summary>
    public int Width { get; init; } = 256;

    /// <summary>Image height in pixels (default 192).</summary>
    public int Height { get; init; } = 192;

    /// <summary>JPEG quality 1–100 (default 90).</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Whether an existing <c>captions.txt</c> or <c>Images/</c> may be overwritten (default false).</summary>
    public bool Overwrite { get; init; }
}
