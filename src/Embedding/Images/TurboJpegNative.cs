using System.Runtime.InteropServices;

namespace ClipGeometry.Embedding.Images;

/// <summary>
/// The parts of libjpeg-turbo's TurboJPEG 2.x C API that clipgeo calls (<c>turbojpeg.h</c>), from the system's
/// <c>libturbojpeg.so.0</c> (Debian's <c>libturbojpeg0</c>: the same libjpeg-turbo that PIL links). Sizes are
/// <c>unsigned long</c> in C, so <see cref="nuint"/> here (Linux, LP64).
/// </summary>
internal static unsafe partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    /// <summary>TJPF_RGB: 3 bytes per pixel, R G B.</summary>
    public const int PixelFormatRgb = 0;

    /// <summary>TJPF_CMYK: 4 bytes per pixel, the (Adobe-inverted, as stored) C M Y K values of a CMYK or YCCK file.</summary>
    public const int PixelFormatCmyk = 11;

    /// <summary>TJCS_CMYK: the file holds CMYK.</summary>
    public const int ColorspaceCmyk = 3;

    /// <summary>TJCS_YCCK: the file holds YCCK (decoded to CMYK).</summary>
    public const int ColorspaceYcck = 4;

    /// <summary>TJSAMP_420: 2×2 chroma subsampling.</summary>
    public const int Subsampling420 = 2;

    /// <summary>TJFLAG_NOREALLOC: compress into the caller's buffer (sized with <see cref="tjBufSize"/>).</summary>
    public const int FlagNoRealloc = 1024;

    /// <summary>
    /// TJFLAG_ACCURATEDCT: the accurate integer forward DCT when compressing (TurboJPEG otherwise compresses with the
    /// fast one; libjpeg's and PIL's default is the accurate one). Decompression uses the accurate IDCT unless told.
    /// </summary>
    public const int FlagAccurateDct = 4096;

    /// <summary>TJERR_WARNING: the call finished, with a non-fatal complaint about the data.</summary>
    public const int ErrorWarning = 0;

    [LibraryImport(Library)]
    public static partial nint tjInitDecompress();

    [LibraryImport(Library)]
    public static partial nint tjInitCompress();

    [LibraryImport(Library)]
    public static partial int tjDestroy(nint handle);

    [LibraryImport(Library)]
    public static partial int tjDecompressHeader3(nint handle, byte* jpegBuf, nuint jpegSize, out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(Library)]
    public static partial int tjDecompress2(nint handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library)]
    public static partial int tjCompress2(nint handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat, ref byte* jpegBuf, ref nuint jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library)]
    public static partial nuint tjBufSize(int width, int height, int jpegSubsamp);

    [LibraryImport(Library)]
    public static partial byte* tjGetErrorStr2(nint handle);

    [LibraryImport(Library)]
    public static partial int tjGetErrorCode(nint handle);
}
