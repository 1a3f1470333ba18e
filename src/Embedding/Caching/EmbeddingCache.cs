using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ClipGeometry.Embedding.Caching;

/// <summary>
/// An on-disk cache of embeddings keyed by everything that changes their numbers (<see cref="EmbeddingKey"/>: model,
/// image content, perturbation, decoder, execution provider and precision, pipeline version), so that re-runs and
/// resumed sweeps never recompute and a shared cache never mixes embeddings made differently. One small file per entry under
/// <c>ROOT/&lt;settings hash&gt;/&lt;2 hex&gt;/&lt;content hash&gt;.emb</c> (the settings hash covers everything but the image)
/// (a 16-byte header — magic, dimension — then little-endian float32). Entries are written to a temporary file and
/// renamed into place, so a crash leaves either the whole entry or none; a damaged entry reads as a miss and is
/// rewritten. Safe for several threads and processes.
/// </summary>
public sealed class EmbeddingCache
{
    private static readonly byte[] Magic = "CGEMB01\0"u8.ToArray();

    /// <summary>Opens (and creates) the cache at <paramref name="directory"/>.</summary>
    public EmbeddingCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The cache's root folder.</summary>
    public string Directory { get; }

    /// <summary>Hex SHA-256 over the names and contents of <paramref name="paths"/> (in the order given).</summary>
    public static string HashFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (string path in paths)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n"));
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, n);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Hex SHA-256 of <paramref name="content"/>.</summary>
    public static string HashContent(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A per-image seed for random perturbations: the first 8 bytes of a hex content hash.</summary>
    public static ulong SeedOf(string contentHash) => ulong.Parse(contentHash.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the entry for <paramref name="key"/> into <paramref name="destination"/>; false when absent, of another dimension or damaged.</summary>
    public bool TryGet(in EmbeddingKey key, Span<float> destination)
    {
        string path = EntryPath(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (bytes.Length != 16 + (4 * destination.Length) || !bytes.AsSpan(0, 8).SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != destination.Length)
        {
            return false;
        }

        var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(16));
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(16 + (4 * i)));
            }

            return true;
        }

        values.CopyTo(destination);
        return true;
    }

    /// <summary>Stores <paramref name="embedding"/> under <paramref name="key"/>: written to a temporary file, then renamed into place.</summary>
    public void Put(in EmbeddingKey key, ReadOnlySpan<float> embedding)
    {
        string path = EntryPath(key);
        string folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var bytes = new byte[16 + (4 * embedding.Length)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), embedding.Length);
        for (int i = 0; i < embedding.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(16 + (4 * i)), embedding[i]);
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The file that holds the entry for <paramref name="key"/>.</summary>
    public string EntryPath(in EmbeddingKey key)
    {
        CheckHex(key.ModelHash, nameof(key.ModelHash));
        CheckHex(key.ContentHash, nameof(key.ContentHash));
        return Path.Combine(Directory, key.SettingsHash[..32], key.ContentHash[..2], key.ContentHash + ".emb");
    }

    private static void CheckHex(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 8 || !value.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"The {name} must be a hex hash (at least 8 hex digits), not '{value}'.", nameof(value));
        }
    }
}
