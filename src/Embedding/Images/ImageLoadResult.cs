using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Images;

/// <summary>
/// The outcome of decoding one image: either the RGB image (<see cref="Succeeded"/>) or an
/// <see cref="ImageError"/>. Disposing the result disposes the image; take it with <see cref="DetachImage"/>
/// to keep it beyond the result's lifetime.
/// </summary>
public sealed class ImageLoadResult : IDisposable
{
    private Image<Rgb24>? _image;

    private ImageLoadResult(string path, Image<Rgb24>? image, ImageError? error)
    {
        Path = path;
        _image = image;
        Error = error;
    }

    /// <summary>The image's path or stream name.</summary>
    public string Path { get; }

    /// <summary>True when the image was decoded; <see cref="Image"/> is then available.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The decoded image, 8-bit RGB (alpha dropped, palettes expanded, greyscale replicated).</summary>
    /// <exception cref="InvalidOperationException">Decoding failed (see <see cref="Error"/>) or the image was detached or disposed.</exception>
    public Image<Rgb24> Image => _image ?? throw new InvalidOperationException(
        Error is null ? $"{Path}: the image was detached or disposed." : Error.ToString());

    /// <summary>Why decoding failed; null when it succeeded.</summary>
    public ImageError? Error { get; }

    /// <summary>A successful result owning <paramref name="image"/>.</summary>
    public static ImageLoadResult Success(string path, Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageLoadResult(path, image, null);
    }

    /// <summary>A failed result.</summary>
    public static ImageLoadResult Failure(string path, string reason) => new(path, null, new ImageError(path, reason));

    /// <summary>Hands the image over to the caller, who then owns (and disposes) it.</summary>
    public Image<Rgb24> DetachImage()
    {
        var image = Image;
        _image = null;
        return image;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _image?.Dispose();
        _image = null;
    }
}
