using System.Globalization;
using ClipGeometry.Embedding.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// JPEG re-encoding at quality q (1–100, libjpeg's scale), with 4:2:0 chroma subsampling and libjpeg's standard
/// quantisation tables, then decoding back to RGB: the compression artefacts of a web pipeline. Through
/// libjpeg-turbo, as PIL does it, so the result equals PIL's <c>save(quality=q)</c> then decode, bit for bit; where
/// <c>libturbojpeg.so.0</c> cannot be loaded, through ImageSharp (close, not identical). Deterministic.
/// </summary>
public sealed class JpegQuality : Perturbation
{
    private static readonly Configuration JpegOnly = new(new JpegConfigurationModule());

    private readonly JpegEncoder _encoder;

    /// <summary>Creates the perturbation for <paramref name="quality"/> 1…100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quality is outside 1…100.</exception>
    public JpegQuality(int quality)
    {
        if (quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "The JPEG quality must be an integer from 1 to 100.");
        }

        Quality = quality;
        _encoder = new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 };
    }

    /// <summary>The JPEG quality.</summary>
    public int Quality { get; }

    /// <inheritdoc />
    public override string Name => "jpeg";

    /// <inheritdoc />
    public override double Level => Quality;

    /// <inheritdoc />
    public override string CacheKey => string.Create(CultureInfo.InvariantCulture, $"jpeg(quality={Quality})");

    /// <inheritdoc />
    public override void Apply(Image<Rgb24> image, ulong imageSeed)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (TurboJpeg.IsAvailable)
        {
            TurboJpeg.Reencode(image, Quality);
            return;
        }

        using var stream = new MemoryStream();
        image.Save(stream, _encoder);
        stream.Position = 0;
        using var decoded = Image.Load<Rgb24>(JpegOnly, stream);
        for (int y = 0; y < image.Height; y++)
        {
            decoded.DangerousGetPixelRowMemory(y).Span.CopyTo(image.DangerousGetPixelRowMemory(y).Span);
        }
    }
}
