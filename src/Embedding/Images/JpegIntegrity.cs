namespace ClipGeometry.Embedding.Images;

/// <summary>
/// Detects JPEG files cut short inside their compressed data, which ImageSharp 2.x decodes silently (filling
/// the missing rows) while PIL refuses them ("image file is truncated"): after the first start-of-scan
/// marker, an end-of-image marker (FF D9) must follow. Inside entropy-coded data FF is always followed by 00
/// or a restart marker, so FF D9 there can only be the real end; an EXIF thumbnail's own end marker comes
/// before the first scan and is skipped with its segment.
/// </summary>
internal static class JpegIntegrity
{
    /// <summary>Reads <paramref name="stream"/> from its position; true when a scan is followed by an end-of-image marker.</summary>
    public static bool HasEndOfImage(Stream stream)
    {
        if (stream.ReadByte() != 0xFF || stream.ReadByte() != 0xD8)
        {
            return false;
        }

        // Walk the marker segments up to the first start of scan (FF DA).
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return false;
            }

            if (b != 0xFF)
            {
                continue; // tolerate garbage between segments, as decoders do
            }

            int marker = stream.ReadByte();
            while (marker == 0xFF)
            {
                marker = stream.ReadByte(); // fill bytes
            }

            if (marker < 0 || marker == 0xD9)
            {
                return false; // end of file, or end of image before any scan
            }

            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD8)
            {
                continue; // markers without a length
            }

            int hi = stream.ReadByte(), lo = stream.ReadByte();
            if (lo < 0)
            {
                return false;
            }

            int length = (hi << 8) | lo;
            if (length < 2)
            {
                return false;
            }

            if (stream.CanSeek)
            {
                stream.Seek(length - 2, SeekOrigin.Current);
            }
            else
            {
                for (int i = 0; i < length - 2; i++)
                {
                    if (stream.ReadByte() < 0)
                    {
                        return false;
                    }
                }
            }

            if (marker == 0xDA)
            {
                break;
            }
        }

        // Search the rest for FF D9, across buffer boundaries.
        var buffer = new byte[64 * 1024];
        bool previousWasFf = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (previousWasFf && span[0] == 0xD9)
            {
                return true;
            }

            int offset = 0;
            while (true)
            {
                int i = span[offset..].IndexOf((byte)0xFF);
                if (i < 0)
                {
                    break;
                }

                int at = offset + i;
                if (at + 1 < span.Length && span[at + 1] == 0xD9)
                {
                    return true;
                }

                offset = at + 1;
                if (offset >= span.Length)
                {
                    break;
                }
            }

            previousWasFf = span[^1] == 0xFF;
        }

        return false;
    }
}
