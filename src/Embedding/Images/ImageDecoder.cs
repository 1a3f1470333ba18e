using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Images;

/// <summary>
/// Decodes untrusted image files into 8-bit RGB, hardened for ImageSharp 2.x (which gets no further security
/// fixes): only JPEG, PNG, BMP, GIF and WebP are registered; the header is read first (<c>Identify</c>) and
/// images above <see cref="ImageDecoderOptions.MaxPixels"/> are rejected before any pixel is decoded; the
/// memory allocator has an allocation limit. JPEGs are then decoded by libjpeg-turbo (the library PIL, torchvision
/// and Python CLIP pipelines use), bit-identical to PIL; the other formats by ImageSharp. A bad file (unreadable,
/// corrupt, truncated, too large, of another format) becomes an <see cref="ImageError"/>; any other exception is a
/// bug and is thrown. Thread-safe: one instance may decode on many threads.
/// </summary>
/// <remarks>
/// The conversion to RGB follows HF's CLIPImageProcessor (PIL's <c>convert("RGB")</c>): alpha is dropped, not
/// composited over a background; palettes are expanded (transparent palette entries keep their colour, GIF
/// included); greyscale is replicated to three channels; CMYK JPEGs
/// are converted to RGB. JPEGs cut short in their compressed data are rejected, as PIL rejects them. Only the first frame of an animated GIF or WebP is kept. EXIF orientation is
/// ignored, as PIL and torchvision ignore it when loading: a photo stored sideways with an orientation tag is
/// embedded sideways, exactly as the reference pipelines do.
/// </remarks>
public sealed class ImageDecoder
{
    /// <summary>The formats this decoder accepts, for messages.</summary>
    public const string AcceptedFormats = "JPEG, PNG, BMP, GIF or WebP";

    private static int s_fallbackNoticed;

    private readonly Configuration _configuration;

    /// <summary>Creates a decoder with <paramref name="options"/> (the defaults when null).</summary>
    public ImageDecoder(ImageDecoderOptions? options = null)
        : this(options, TurboJpeg.UnavailableReason)
    {
    }

    /// <summary>
    /// Creates a decoder as if libjpeg-turbo's state were <paramref name="turboJpegUnavailable"/> (null: loaded; else
    /// why it cannot be), so that tests can check the fallback on a machine that has the library.
    /// </summary>
    internal ImageDecoder(ImageDecoderOptions? options, string? turboJpegUnavailable)
    {
        Options = options ?? new ImageDecoderOptions();
        if (Options.MaxPixels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxPixels, "MaxPixels must be positive.");
        }

        if (Options.AllocationLimitMegabytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.AllocationLimitMegabytes, "AllocationLimitMegabytes must be positive.");
        }

        _configuration = CreateConfiguration(Options.AllocationLimitMegabytes);
        UsesTurboJpeg = Options.JpegDecoding == JpegDecoding.TurboJpeg && turboJpegUnavailable is null;
        if (Options.JpegDecoding == JpegDecoding.TurboJpeg && !UsesTurboJpeg)
        {
            // To the caller's callback every time (it decides how often to show it); to stderr once per process.
            string notice = $"clipgeo: {turboJpegUnavailable}; decoding JPEGs with ImageSharp, whose pixels differ from PIL's (install libturbojpeg0).";
            if (Options.Notice is not null)
            {
                Options.Notice(notice);
            }
            else if (Interlocked.Exchange(ref s_fallbackNoticed, 1) == 0)
            {
                Console.Error.WriteLine(notice);
            }
        }
    }

    /// <summary>The limits in force.</summary>
    public ImageDecoderOptions Options { get; }

    /// <summary>
    /// The hardened ImageSharp configuration (five formats, allocation limit). Encoders and decoders used
    /// elsewhere on untrusted data (JPEG re-encoding, say) should use it too.
    /// </summary>
    public Configuration Configuration => _configuration;

    /// <summary>
    /// The decoders in use, for results (<c>imageDecoder</c> in results.json) and metadata, e.g.
    /// <c>libjpeg-turbo 2.1.5 (TurboJPEG, TJPF_RGB) for JPEGs; ImageSharp 2.1.13 for other formats</c>.
    /// </summary>
    public string Description => $"{JpegDecoder} for JPEGs; ImageSharp {ImageSharpVersion} for other formats";

    /// <summary>True when JPEGs are decoded by libjpeg-turbo (PIL's pixels); false when by ImageSharp.</summary>
    public bool UsesTurboJpeg { get; }

    /// <summary>The JPEG decoder in use, for results and metadata, e.g. <c>libjpeg-turbo 2.1.5 (TurboJPEG, …)</c> or <c>ImageSharp 2.1.13</c>.</summary>
    public string JpegDecoder => UsesTurboJpeg ? TurboJpeg.Description : "ImageSharp " + ImageSharpVersion;

    /// <summary>
    /// A short stable identity of the JPEG decoder for cache keys (its version and, for libjpeg-turbo, a hash of
    /// the library file): a cached embedding made with other pixels is never reused.
    /// </summary>
    public string JpegDecoderKey => UsesTurboJpeg ? TurboJpeg.Key : "imagesharp-" + ImageSharpVersion;

    /// <summary>
    /// The identity of every decoder in use, for cache keys: <see cref="JpegDecoderKey"/> and, for the other formats,
    /// ImageSharp's version (e.g. <c>turbojpeg-2.1.5-1a2b3c4d5e6f+imagesharp-2.1.13</c>).
    /// </summary>
    public string Key => UsesTurboJpeg ? $"{JpegDecoderKey}+imagesharp-{ImageSharpVersion}" : JpegDecoderKey;

    private static string ImageSharpVersion
    {
        get
        {
            // The assembly version is 2.0.0.0 for every 2.x release; the informational version is the package's.
            string? version = typeof(Image).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
            return version is null ? "unknown" : version.Split('+')[0];
        }
    }

    /// <summary>Decodes the image at <paramref name="path"/>; never throws for a bad or missing file.</summary>
    public ImageLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return ImageLoadResult.Failure(path, Directory.Exists(path) ? "is a directory, not an image file" : "file not found");
            }

            if (file.Length == 0)
            {
                return ImageLoadResult.Failure(path, "empty file (0 bytes)");
            }

            if (file.Length > Options.MaxFileBytes)
            {
                return ImageLoadResult.Failure(path, string.Create(CultureInfo.InvariantCulture,
                    $"file of {file.Length} bytes is above the limit of {Options.MaxFileBytes} bytes"));
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            return Decode(stream, path);
        }
        catch (Exception e) when (IsBadFile(e))
        {
            return ImageLoadResult.Failure(path, Describe(e));
        }
    }

    /// <summary>
    /// Decodes the image in <paramref name="stream"/> (read from its current position; not disposed), naming it
    /// <paramref name="name"/> in errors. A non-seekable stream is first copied to memory, up to
    /// <see cref="ImageDecoderOptions.MaxFileBytes"/>.
    /// </summary>
    public ImageLoadResult Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            if (stream.CanSeek)
            {
                long remaining = stream.Length - stream.Position;
                if (remaining <= 0)
                {
                    return ImageLoadResult.Failure(name, "empty file (0 bytes)");
                }

                if (remaining > Options.MaxFileBytes)
                {
                    return ImageLoadResult.Failure(name, string.Create(CultureInfo.InvariantCulture,
                        $"file of {remaining} bytes is above the limit of {Options.MaxFileBytes} bytes"));
                }

                return Decode(stream, name);
            }

            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (copy.Length + read > Options.MaxFileBytes)
                {
                    return ImageLoadResult.Failure(name, string.Create(CultureInfo.InvariantCulture,
                        $"stream is longer than the limit of {Options.MaxFileBytes} bytes"));
                }

                copy.Write(buffer, 0, read);
            }

            if (copy.Length == 0)
            {
                return ImageLoadResult.Failure(name, "empty file (0 bytes)");
            }

            copy.Position = 0;
            return Decode(copy, name);
        }
        catch (Exception e) when (IsBadFile(e))
        {
            return ImageLoadResult.Failure(name, Describe(e));
        }
    }

    private ImageLoadResult Decode(Stream stream, string name)
    {
        long start = stream.Position;
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = SixLabors.ImageSharp.Image.Identify(_configuration, stream, out format);
        }
        catch (Exception e) when (IsBadFile(e))
        {
            return ImageLoadResult.Failure(name, "unreadable image header: " + Describe(e));
        }

        if (info is null || format is null)
        {
            return ImageLoadResult.Failure(name, $"not a {AcceptedFormats} image");
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            return ImageLoadResult.Failure(name, string.Create(CultureInfo.InvariantCulture,
                $"{format.Name} header gives no pixels ({info.Width}×{info.Height})"));
        }

        long pixels = (long)info.Width * info.Height;
        if (pixels > Options.MaxPixels)
        {
            return ImageLoadResult.Failure(name, string.Create(CultureInfo.InvariantCulture,
                $"{format.Name} image of {info.Width}×{info.Height} = {pixels} pixels is above the limit of {Options.MaxPixels} pixels"));
        }

        if (format is JpegFormat)
        {
            stream.Position = start;
            if (!JpegIntegrity.HasEndOfImage(stream))
            {
                return ImageLoadResult.Failure(name, "JPEG file is truncated (no end-of-image marker after the compressed data)");
            }
        }

        stream.Position = start;
        if (format is JpegFormat && UsesTurboJpeg)
        {
            return DecodeWithTurboJpeg(stream, name);
        }

        Image<Rgb24>? image = null;
        try
        {
            if (format is GifFormat)
            {
                // PIL keeps the palette colour of transparent pixels; make the first frame opaque to match.
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
                GifTransparency.ClearFirstFrameTransparency(bytes);
                copy.Position = 0;
                image = SixLabors.ImageSharp.Image.Load<Rgb24>(_configuration, copy);
            }
            else if (format is PngFormat && info.Metadata.GetPngMetadata() is { BitDepth: PngBitDepth.Bit16 } png)
            {
                image = Load16BitPng(stream, png.ColorType == PngColorType.Grayscale);
            }
            else
            {
                image = SixLabors.ImageSharp.Image.Load<Rgb24>(_configuration, stream);
            }

            while (image.Frames.Count > 1)
            {
                image.Frames.RemoveFrame(image.Frames.Count - 1);
            }

            var result = ImageLoadResult.Success(name, image);
            image = null;
            return result;
        }
        catch (Exception e) when (IsBadFile(e))
        {
            return ImageLoadResult.Failure(name, $"{format.Name} decoding failed: {Describe(e)}");
        }
        finally
        {
            image?.Dispose();
        }
    }

    /// <summary>
    /// True for the exceptions that mean the file is bad (or unreadable), which become an <see cref="ImageError"/>:
    /// ImageSharp's format errors, its allocation limit, I/O errors and refused access, features a decoder does not
    /// support, and whatever ImageSharp's own decoders throw while parsing the untrusted bytes (2.x throws null
    /// references, out-of-range arguments and invalid operations on malformed files: they are the file's fault,
    /// found by the fuzz test). Anything else thrown in clipgeo's code (a null reference, an index out of range) is
    /// a bug and propagates.
    /// </summary>
    internal static bool IsBadFile(Exception e) =>
        e is ImageFormatException or InvalidMemoryOperationException or IOException or UnauthorizedAccessException or NotSupportedException
        || (e is not OutOfMemoryException and not OperationCanceledException && ThrownByImageSharp(e));

    private static bool ThrownByImageSharp(Exception e) =>
        e.TargetSite?.DeclaringType?.Assembly == typeof(Image).Assembly;

    /// <summary>
    /// A 16-bit PNG to 8-bit RGB as PIL does it (ImageSharp would round v/257): the high byte of each sample, except
    /// greyscale without alpha, which PIL opens as 32-bit integers (mode I) and clips to 0…255 in <c>convert("RGB")</c>.
    /// </summary>
    private Image<Rgb24> Load16BitPng(Stream stream, bool greyscale)
    {
        using var wide = SixLabors.ImageSharp.Image.Load<Rgba64>(_configuration, stream);
        var image = new Image<Rgb24>(_configuration, wide.Width, wide.Height);
        for (int y = 0; y < wide.Height; y++)
        {
            var source = wide.DangerousGetPixelRowMemory(y).Span;
            var target = image.DangerousGetPixelRowMemory(y).Span;
            for (int x = 0; x < source.Length; x++)
            {
                var p = source[x];
                target[x] = greyscale
                    ? new Rgb24((byte)Math.Min(p.R, (ushort)255), (byte)Math.Min(p.G, (ushort)255), (byte)Math.Min(p.B, (ushort)255))
                    : new Rgb24((byte)(p.R >> 8), (byte)(p.G >> 8), (byte)(p.B >> 8));
            }
        }

        return image;
    }

    private ImageLoadResult DecodeWithTurboJpeg(Stream stream, string name)
    {
        long length = stream.Length - stream.Position;
        byte[] bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(checked((int)length));
        try
        {
            stream.ReadExactly(bytes, 0, (int)length);
            var image = TurboJpeg.Decode(bytes.AsSpan(0, (int)length), _configuration, Options.MaxPixels, out string? error);
            return image is null ? ImageLoadResult.Failure(name, error!) : ImageLoadResult.Success(name, image);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static Configuration CreateConfiguration(int allocationLimitMegabytes)
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new BmpConfigurationModule(),
            new GifConfigurationModule(),
            new WebpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = allocationLimitMegabytes }),

            // One buffer per image, so that libjpeg-turbo decodes straight into it.
            PreferContiguousImageBuffers = true,
        };

        // Only the first frame is used (as PIL does); do not spend memory decoding the others.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }

    private static string Describe(Exception e)
    {
        string message = e switch
        {
            UnknownImageFormatException => $"not a {AcceptedFormats} image",
            InvalidMemoryOperationException => "needs more memory than the decoder's allocation limit allows: " + e.Message,
            OutOfMemoryException => "not enough memory to decode it",
            EndOfStreamException => "the file ends early (truncated)",
            FileNotFoundException or DirectoryNotFoundException => "file not found",
            UnauthorizedAccessException => "permission denied",
            ImageFormatException or NotSupportedException or IOException => e.Message,
            _ when ThrownByImageSharp(e) => "malformed image data that the decoder cannot parse",
            _ => e.Message,
        };
        return message.Trim().TrimEnd('.');
    }
}
