namespace ClipGeometry.Embedding.Images;

/// <summary>Limits applied by <see cref="ImageDecoder"/> before and while decoding untrusted images.</summary>
public sealed record ImageDecoderOptions
{
    /// <summary>The default pixel limit: 50 megapixels.</summary>
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>Images whose header claims more pixels (width × height) than this are rejected before decoding.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>
    /// The largest single buffer the decoder's memory allocator may hand out, in megabytes
    /// (ImageSharp's <c>MemoryAllocatorOptions.AllocationLimitMegabytes</c>). The default, 1024, leaves room for
    /// a 50-megapixel image in any pixel format the decoders use internally.
    /// </summary>
    public int AllocationLimitMegabytes { get; init; } = 1024;

    /// <summary>Files larger than this many bytes are rejected without being read (default 256 MiB).</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>
    /// The JPEG decoder: libjpeg-turbo, bit-identical to PIL (the default; ImageSharp after a one-line warning when
    /// <c>libturbojpeg.so.0</c> cannot be loaded), or ImageSharp.
    /// </summary>
    public JpegDecoding JpegDecoding { get; init; } = JpegDecoding.TurboJpeg;

    /// <summary>Receives one-line notices (the fallback to ImageSharp, from each decoder that falls back); standard error, once per process, when null.</summary>
    public Action<string>? Notice { get; init; }
}
