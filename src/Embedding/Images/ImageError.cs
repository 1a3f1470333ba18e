namespace ClipGeometry.Embedding.Images;

/// <summary>Why one image could not be used: the file (or stream name) and one clear reason. The run goes on.</summary>
/// <param name="Path">The image's path, or the name given with its stream.</param>
/// <param name="Reason">Why it was rejected, e.g. "not a JPEG, PNG, BMP, GIF or WebP image".</param>
public sealed record ImageError(string Path, string Reason)
{
    /// <summary>The error for an image file that could not be read: a folder, a missing file, no permission.</summary>
    public static ImageError ReadFailure(string path, Exception error) => new(path, error switch
    {
        _ when System.IO.Directory.Exists(path) => "is a directory, not an image file",
        FileNotFoundException or DirectoryNotFoundException => "file not found",
        UnauthorizedAccessException => "cannot be read (permission denied)",
        _ => "cannot be read (an I/O error)",
    });

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Reason}";
}
