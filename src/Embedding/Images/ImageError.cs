namespace ClipGeometry.Embedding.Images;

/// <summary>Why one image could not be used: the file (or stream name) and one clear reason. The run goes on.</summary>
/// <param name="Path">The image's path, or the name given with its stream.</param>
/// <param name="Reason">Why it was rejected, e.g. "not a JPEG, PNG, BMP, GIF or WebP image".</param>
public sealed record ImageError(string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Reason}";
}
