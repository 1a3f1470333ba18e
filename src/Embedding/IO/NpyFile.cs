using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> format (versions 1.0–3.0): little- or big-endian float32/float64,
/// int32/int64 and uint8 arrays in C order. Writes version 1.0, little-endian float32 by default.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> as little-endian float32.</summary>
    public static void WriteSingle(string path, ReadOnlySpan<float> data, params int[] shape)
    {
        using var stream = File.Create(path);
        WriteSingle(stream, data, shape);
    }

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> as little-endian float32.</summary>
    public static void WriteSingle(Stream stream, ReadOnlySpan<float> data, params int[] shape)
    {
        CheckShape(data.Length, shape);
        WriteHeader(stream, "<f4", shape);
        var buffer = new byte[4 * Math.Min(data.Length, 1 << 16)];
        for (int start = 0; start < data.Length; start += buffer.Length / 4)
        {
            int n = Math.Min(buffer.Length / 4, data.Length - start);
            for (int i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), data[start + i]);
            }

            stream.Write(buffer, 0, 4 * n);
        }
    }

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> as little-endian float64.</summary>
    public static void WriteDouble(string path, ReadOnlySpan<double> data, params int[] shape)
    {
        CheckShape(data.Length, shape);
        using var stream = File.Create(path);
        WriteHeader(stream, "<f8", shape);
        var buffer = new byte[8];
        foreach (double v in data)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
            stream.Write(buffer);
        }
    }

    /// <summary>Reads a <c>.npy</c> file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid .npy file of a supported type; the message names the file.</exception>
    public static NpyArray Read(string path)
    {
        InputFile.Require(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file ends before the data its header promises.", e);
        }
    }

    /// <summary>Reads a <c>.npy</c> array from <paramref name="stream"/>.</summary>
    public static NpyArray Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.ASCII, leaveOpen: true);
        byte[] magic = reader.ReadBytes(6);
        if (magic.Length < 6)
        {
            throw new InvalidDataException("not a .npy file (too short).");
        }

        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a .npy file (the magic string \\x93NUMPY is missing).");
        }

        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major switch
        {
            1 => reader.ReadUInt16(),
            2 or 3 => checked((int)reader.ReadUInt32()),
            _ => throw new InvalidDataException($"unsupported .npy format version {major}."),
        };
        string header = Encoding.UTF8.GetString(reader.ReadBytes(headerLength));
        string descr = HeaderValue(header, "descr").Trim('\'', '"', ' ');
        string fortran = HeaderValue(header, "fortran_order").Trim();
        if (fortran != "False")
        {
            throw new InvalidDataException("Fortran-ordered arrays are not supported; save the array in C order.");
        }

        string shapeText = HeaderValue(header, "shape");
        long[] extents = ParseShape(shapeText);
        bool big = descr.StartsWith('>');
        string kind = descr.TrimStart('<', '>', '|', '=');
        int size = kind switch
        {
            "f4" or "i4" or "u4" => 4,
            "f8" or "i8" or "u8" => 8,
            "u1" or "i1" or "b1" => 1,
            "f2" => 2,
            _ => throw new InvalidDataException($"unsupported element type '{descr}' (float16/32/64, int8/32/64 or uint8/32/64 expected)."),
        };

        // A well-formed header may promise more than can be read: say so, with the size (not "malformed").
        Int128 count = 1;
        foreach (long extent in extents)
        {
            count *= extent;
        }

        if (count * size > Array.MaxLength || extents.Any(static e => e > int.MaxValue))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the array's shape {shapeText} holds {count} elements of {size} bytes, too large to read (at most {Array.MaxLength} bytes in one array)."));
        }

        int[] shape = Array.ConvertAll(extents, static e => (int)e);
        var data = new double[(long)count];
        var bytes = new byte[(long)count * size];
        int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < bytes.Length)
        {
            throw new InvalidDataException($"the file ends after {got / size} of the {count} elements its header promises.");
        }

        bool swap = big == BitConverter.IsLittleEndian && size > 1;
        for (long i = 0; i < count; i++)
        {
            var buffer = bytes.AsSpan((int)(i * size), size);
            if (swap)
            {
                buffer.Reverse();
            }

            data[i] = kind switch
            {
                "f4" => BitConverter.ToSingle(buffer),
                "f8" => BitConverter.ToDouble(buffer),
                "f2" => (double)BitConverter.ToHalf(buffer),
                "i4" => BitConverter.ToInt32(buffer),
                "u4" => BitConverter.ToUInt32(buffer),
                "i8" => BitConverter.ToInt64(buffer),
                "u8" => BitConverter.ToUInt64(buffer),
                "i1" => (sbyte)buffer[0],
                _ => buffer[0],
            };
        }

        return new NpyArray(shape, data, descr);
    }

    private static void CheckShape(int length, int[] shape)
    {
        long count = 1;
        foreach (int extent in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(extent);
            count *= extent;
        }

        if (count != length)
        {
            throw new ArgumentException($"The shape ({string.Join(", ", shape)}) holds {count} values, but {length} were given.", nameof(shape));
        }
    }

    private static void WriteHeader(Stream stream, string descr, int[] shape)
    {
        string shapeText = shape.Length == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - (total % 64)) % 64;
        string header = dict + new string(' ', padding) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    private static string HeaderValue(string header, string key)
    {
        int k = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (k < 0)
        {
            throw new InvalidDataException($"the header lacks the key '{key}'.");
        }

        int colon = header.IndexOf(':', k);
        int end = key == "shape" ? header.IndexOf(')', colon) + 1 : header.IndexOfAny([',', '}'], colon);
        if (colon < 0 || end <= colon)
        {
            throw new InvalidDataException($"the header's value for '{key}' is malformed.");
        }

        return header[(colon + 1)..end].Trim();
    }

    private static long[] ParseShape(string text)
    {
        string inner = text.Trim().TrimStart('(').TrimEnd(')');
        var parts = inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new InvalidDataException($"the header's shape '{text}' is malformed.");
            }
        }

        return shape;
    }
}
