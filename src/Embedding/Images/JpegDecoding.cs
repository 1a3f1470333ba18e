namespace ClipGeometry.Embedding.Images;

/// <summary>Which decoder <see cref="ImageDecoder"/> uses for JPEG files.</summary>
public enum JpegDecoding
{
    /// <summary>
    /// libjpeg-turbo through its TurboJPEG API (the system's <c>libturbojpeg.so.0</c>), bit-identical to PIL; when
    /// the library cannot be loaded, ImageSharp after a one-line warning. The default.
    /// </summary>
    TurboJpeg,

    /// <summary>ImageSharp's managed decoder (float IDCT, no fancy upsampling: not PIL's pixels). For comparisons.</summary>
    ImageSharp,
}
