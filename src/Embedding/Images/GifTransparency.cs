namespace ClipGeometry.Embedding.Images;

/// <summary>
/// Makes a GIF's first frame opaque by clearing the "transparent colour" flag of its Graphic Control
/// Extension, so that the decoder writes the palette colour of transparent pixels, as PIL's
/// <c>convert("RGB")</c> does (ImageSharp would otherwise leave them black).
/// </summary>
internal static class GifTransparency
{
    /// <summary>Clears the flag in place; returns true when a flag was cleared. Malformed data is left to the decoder.</summary>
    public static bool ClearFirstFrameTransparency(Span<byte> gif)
    {
        // Header (6) + logical screen descriptor (7), then the global colour table when present.
        if (gif.Length < 13 || gif[0] != (byte)'G' || gif[1] != (byte)'I' || gif[2] != (byte)'F')
        {
            return false;
        }

        int position = 13;
        byte packed = gif[10];
        if ((packed & 0x80) != 0)
        {
            position += 3 * (1 << ((packed & 0x07) + 1));
        }

        bool cleared = false;
        while (position < gif.Length)
        {
            byte introducer = gif[position];
            if (introducer != 0x21 || position + 2 >= gif.Length)
            {
                // 0x2C (image descriptor: the first frame starts), 0x3B (trailer) or garbage: stop.
                return cleared;
            }

            byte label = gif[position + 1];
            int block = position + 2;
            if (label == 0xF9 && block + 5 < gif.Length && gif[block] == 4)
            {
                gif[block + 1] = (byte)(gif[block + 1] & ~0x01);
                cleared = true;
            }

            // Skip the extension's data sub-blocks up to the zero-length terminator.
            while (block < gif.Length && gif[block] != 0)
            {
                block += gif[block] + 1;
            }

            position = block + 1;
        }

        return cleared;
    }
}
