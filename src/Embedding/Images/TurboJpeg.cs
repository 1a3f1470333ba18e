using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using static ClipGeometry.Embedding.Images.TurboJpegNative;

namespace ClipGeometry.Embedding.Images;

/// <summary>
/// JPEG decoding and encoding through libjpeg-turbo's TurboJPEG API, exactly as PIL does it: the accurate integer
/// IDCT and fancy (smoothed) chroma upsampling (flags 0), so the RGB is bit-identical to PIL's
/// <c>Image.open(f).convert("RGB")</c> (CMYK files through PIL's own inversion and <c>cmyk2rgb</c>); encoding at a
/// quality with 4:2:0 subsampling and libjpeg's standard tables, as PIL's <c>save(quality=q)</c>. Handles are pooled
/// (a TurboJPEG handle is not thread-safe, so each call takes its own); a handle that saw an error is destroyed, not
/// reused. Every member is thread-safe.
/// </summary>
internal static unsafe class TurboJpeg
{
    private static readonly Lazy<string?> LoadFailure = new(Probe);
    private static readonly Lazy<(string Description, string Key)> Identity = new(Describe);
    private static readonly ConcurrentBag<nint> Decompressors = [];
    private static readonly ConcurrentBag<nint> Compressors = [];

    /// <summary>True when <c>libturbojpeg.so.0</c> loads and gives a handle.</summary>
    public static bool IsAvailable => LoadFailure.Value is null;

    /// <summary>Why the library cannot be used; null when it can.</summary>
    public static string? UnavailableReason => LoadFailure.Value;

    /// <summary>
    /// The library in use, for results and metadata: <c>libjpeg-turbo 2.1.5 (TurboJPEG, TJPF_RGB, libturbojpeg.so.0.2.0)</c>.
    /// </summary>
    public static string Description => Identity.Value.Description;

    /// <summary>
    /// A short stable identity of the library for cache keys: the version and the first 12 hex digits of the
    /// SHA-256 of the library file, e.g. <c>turbojpeg-2.1.5-1a2b3c4d5e6f</c>.
    /// </summary>
    public static string Key => Identity.Value.Key;

    /// <summary>
    /// Decodes <paramref name="jpeg"/> into a new RGB image allocated from <paramref name="configuration"/>; returns
    /// null and sets <paramref name="error"/> when libjpeg refuses the data. <paramref name="maxPixels"/> is checked
    /// against the header again (it is what libjpeg will allocate).
    /// </summary>
    public static Image<Rgb24>? Decode(ReadOnlySpan<byte> jpeg, Configuration configuration, long maxPixels, out string? error)
    {
        nint handle = Rent(Decompressors, isCompressor: false);
        bool healthy = false;
        try
        {
            fixed (byte* source = jpeg)
            {
                if (tjDecompressHeader3(handle, source, (nuint)jpeg.Length, out int width, out int height, out _, out int colorspace) != 0)
                {
                    error = "unreadable JPEG header: " + ErrorText(handle);
                    return null;
                }

                if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
                {
                    error = string.Create(CultureInfo.InvariantCulture,
                        $"JPEG image of {width}×{height} pixels is above the limit of {maxPixels} pixels");
                    healthy = true;
                    return null;
                }

                bool cmyk = colorspace is ColorspaceCmyk or ColorspaceYcck;
                var image = new Image<Rgb24>(configuration, width, height);
                try
                {
                    bool clean = true;
                    error = cmyk
                        ? DecodeCmyk(handle, source, jpeg.Length, image, ref clean)
                        : DecodeRgb(handle, source, jpeg.Length, image, ref clean);
                    healthy = clean;
                    if (error is not null)
                    {
                        image.Dispose();
                        return null;
                    }

                    return image;
                }
                catch
                {
                    image.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            Return(Decompressors, handle, healthy);
        }
    }

    /// <summary>
    /// Re-encodes <paramref name="image"/> in place: compressed at <paramref name="quality"/> with 4:2:0
    /// subsampling (PIL's <c>save(quality=q)</c>), then decoded back as <see cref="Decode"/> does.
    /// </summary>
    public static void Reencode(Image<Rgb24> image, int quality)
    {
        int width = image.Width, height = image.Height, pitch = width * 3;
        int size = checked(pitch * height);
        byte[] pixels = ArrayPool<byte>.Shared.Rent(size);
        int capacity = checked((int)tjBufSize(width, height, Subsampling420));
        byte[] jpeg = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            for (int y = 0; y < height; y++)
            {
                MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span).CopyTo(pixels.AsSpan(y * pitch, pitch));
            }

            nuint length = (nuint)capacity;
            nint compressor = Rent(Compressors, isCompressor: true);
            bool healthy = false;
            try
            {
                fixed (byte* source = pixels)
                fixed (byte* destination = jpeg)
                {
                    byte* output = destination;
                    if (tjCompress2(compressor, source, width, pitch, height, PixelFormatRgb, ref output, ref length, Subsampling420, quality, FlagNoRealloc | FlagAccurateDct) != 0)
                    {
                        throw new InvalidOperationException($"libjpeg-turbo could not encode a {width}×{height} image at quality {quality}: {ErrorText(compressor)}");
                    }

                    healthy = true;
                }
            }
            finally
            {
                Return(Compressors, compressor, healthy);
            }

            nint decompressor = Rent(Decompressors, isCompressor: false);
            healthy = false;
            try
            {
                fixed (byte* source = jpeg)
                fixed (byte* destination = pixels)
                {
                    if (tjDecompress2(decompressor, source, length, destination, width, pitch, height, PixelFormatRgb, 0) != 0)
                    {
                        throw new InvalidOperationException($"libjpeg-turbo could not decode its own {width}×{height} JPEG: {ErrorText(decompressor)}");
                    }

                    healthy = true;
                }
            }
            finally
            {
                Return(Decompressors, decompressor, healthy);
            }

            for (int y = 0; y < height; y++)
            {
                pixels.AsSpan(y * pitch, pitch).CopyTo(MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
            ArrayPool<byte>.Shared.Return(jpeg);
        }
    }

    private static string? DecodeRgb(nint handle, byte* source, int length, Image<Rgb24> image, ref bool clean)
    {
        int width = image.Width, height = image.Height, pitch = width * 3;
        if (image.DangerousTryGetSinglePixelMemory(out Memory<Rgb24> memory))
        {
            // Straight into the image's (pooled) buffer: no copy, no fresh array.
            using var pin = memory.Pin();
            return Decompress(handle, source, length, (byte*)pin.Pointer, width, pitch, height, PixelFormatRgb, ref clean);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(checked(pitch * height));
        try
        {
            fixed (byte* destination = buffer)
            {
                string? error = Decompress(handle, source, length, destination, width, pitch, height, PixelFormatRgb, ref clean);
                if (error is not null)
                {
                    return error;
                }
            }

            for (int y = 0; y < height; y++)
            {
                buffer.AsSpan(y * pitch, pitch).CopyTo(MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span));
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? DecodeCmyk(nint handle, byte* source, int length, Image<Rgb24> image, ref bool clean)
    {
        int width = image.Width, height = image.Height, pitch = width * 4;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(checked(pitch * height));
        try
        {
            fixed (byte* destination = buffer)
            {
                string? error = Decompress(handle, source, length, destination, width, pitch, height, PixelFormatCmyk, ref clean);
                if (error is not null)
                {
                    return error;
                }
            }

            for (int y = 0; y < height; y++)
            {
                CmykToRgb(buffer.AsSpan(y * pitch, pitch), MemoryMarshal.AsBytes(image.DangerousGetPixelRowMemory(y).Span));
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// PIL's CMYK path: the stored values are read inverted (<c>CMYK;I</c>, Adobe's convention, which PIL assumes for
    /// every CMYK JPEG), then <c>cmyk2rgb</c>: with nk = 255 − k, each channel is nk − round(v·nk/255), the rounded
    /// division done as PIL's <c>MULDIV255</c> does it.
    /// </summary>
    internal static void CmykToRgb(ReadOnlySpan<byte> stored, Span<byte> rgb)
    {
        for (int i = 0, o = 0; o < rgb.Length; i += 4, o += 3)
        {
            int nk = stored[i + 3]; // 255 - (255 - stored k)
            rgb[o] = (byte)Math.Clamp(nk - MulDiv255(255 - stored[i], nk), 0, 255);
            rgb[o + 1] = (byte)Math.Clamp(nk - MulDiv255(255 - stored[i + 1], nk), 0, 255);
            rgb[o + 2] = (byte)Math.Clamp(nk - MulDiv255(255 - stored[i + 2], nk), 0, 255);
        }
    }

    private static int MulDiv255(int a, int b)
    {
        int t = (a * b) + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static string? Decompress(nint handle, byte* source, int length, byte* destination, int width, int pitch, int height, int pixelFormat, ref bool clean)
    {
        if (tjDecompress2(handle, source, (nuint)length, destination, width, pitch, height, pixelFormat, 0) == 0)
        {
            return null;
        }

        clean = false;
        string message = ErrorText(handle);
        // A warning (corrupt entropy data, extraneous bytes) leaves a whole image, which PIL keeps too; the data
        // running out ("Premature end of JPEG file") is PIL's refusal of a truncated file.
        bool truncated = message.Contains("Premature end of JPEG file", StringComparison.OrdinalIgnoreCase);
        if (truncated)
        {
            return "JPEG file is truncated (" + message + ")";
        }

        return tjGetErrorCode(handle) == ErrorWarning ? null : "JPEG decoding failed: " + message;
    }

    private static string ErrorText(nint handle)
    {
        byte* text = tjGetErrorStr2(handle);
        string message = text is null ? "unknown error" : Marshal.PtrToStringUTF8((nint)text) ?? "unknown error";
        return message.Trim().TrimEnd('.');
    }

    private static nint Rent(ConcurrentBag<nint> pool, bool isCompressor)
    {
        if (pool.TryTake(out nint handle))
        {
            return handle;
        }

        handle = isCompressor ? tjInitCompress() : tjInitDecompress();
        return handle != 0 ? handle : throw new InvalidOperationException("libjpeg-turbo could not create a TurboJPEG handle (out of memory?)");
    }

    private static void Return(ConcurrentBag<nint> pool, nint handle, bool healthy)
    {
        // After an error (a failed header read, say) a handle's state is unreliable: destroy it (0.2 µs) and let
        // the next call make a fresh one.
        if (healthy)
        {
            pool.Add(handle);
        }
        else
        {
            _ = tjDestroy(handle);
        }
    }

    private static string? Probe()
    {
        try
        {
            nint handle = tjInitDecompress();
            if (handle == 0)
            {
                return $"{Library} gave no decompression handle";
            }

            Decompressors.Add(handle);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"{Library} cannot be loaded ({FirstLine(e.Message)})";
        }
    }

    private static (string Description, string Key) Describe()
    {
        if (!IsAvailable)
        {
            return ("unavailable", "turbojpeg-unavailable");
        }

        string? path = LoadedPath();
        string version = PackageVersion("libturbojpeg0") ?? "unknown version";
        string hash = "unhashed";
        if (path is not null)
        {
            try
            {
                using var stream = File.OpenRead(path);
                hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The key keeps the version alone.
            }
        }

        return ($"libjpeg-turbo {version} (TurboJPEG, TJPF_RGB, {Path.GetFileName(path) ?? Library})", $"turbojpeg-{version.Replace(' ', '-')}-{hash}");
    }

    /// <summary>The file the loader mapped for the library (Linux: from /proc/self/maps).</summary>
    private static string? LoadedPath()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int at = line.IndexOf('/', StringComparison.Ordinal);
                if (at >= 0 && line.AsSpan(at).Contains("libturbojpeg.so", StringComparison.Ordinal))
                {
                    return line[at..].Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The upstream version of an installed Debian package (epoch and Debian revision removed), or null.</summary>
    private static string? PackageVersion(string package)
    {
        const string Status = "/var/lib/dpkg/status";
        try
        {
            if (!File.Exists(Status))
            {
                return null;
            }

            bool inPackage = false;
            foreach (string line in File.ReadLines(Status))
            {
                if (line.StartsWith("Package: ", StringComparison.Ordinal))
                {
                    inPackage = line.AsSpan(9).Trim().SequenceEqual(package);
                }
                else if (inPackage && line.StartsWith("Version: ", StringComparison.Ordinal))
                {
                    string version = line[9..].Trim();
                    int colon = version.IndexOf(':', StringComparison.Ordinal);
                    version = colon >= 0 ? version[(colon + 1)..] : version;
                    int dash = version.LastIndexOf('-');
                    return dash > 0 ? version[..dash] : version;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    private static string FirstLine(string message)
    {
        int n = message.IndexOfAny(['\r', '\n']);
        return (n < 0 ? message : message[..n]).Trim().TrimEnd('.');
    }
}
