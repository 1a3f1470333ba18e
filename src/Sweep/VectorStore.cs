using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ClipGeometry.Embedding.Caching;

namespace ClipGeometry.Sweep;

/// <summary>
/// Embedding vectors packed into large files (<c>vectors/packs/{sha}.f32</c>, raw little-endian float32 rows,
/// named by the SHA-256 of their bytes) with a per-image index (<c>vectors/index/{sha}.tsv</c>: one line per
/// row, the key's id and the row). The key is an <see cref="EmbeddingKey"/>: everything that changes the numbers
/// (model files, image bytes, perturbation, and whatever fields it carries), plus <see cref="PipelineVersion"/>;
/// never the sampling, the seed or the shard, so every vector computed before is reused by any later sweep.
/// A pack is written before its index, so an indexed row is always readable.
/// </summary>
public sealed class VectorStore
{
    /// <summary>The embedding pipeline's version, bumped only when the numbers change (never with the release).</summary>
    public const string PipelineVersion = "1";

    private readonly ArtifactStore _store;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Pack, int Row, int Dimension)> _index = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexFilesRead = new(StringComparer.Ordinal);

    internal VectorStore(ArtifactStore store)
    {
        _store = store;
    }

    /// <summary>Entries indexed so far (after the last refresh).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The stable id of a key: SHA-256 of its text form and the pipeline version (32 hex digits).</summary>
    public static string IdOf(in EmbeddingKey key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString() + "|pipeline=" + PipelineVersion)))[..32];

    /// <summary>Copies the vector of <paramref name="key"/> into <paramref name="destination"/>; false when not stored.</summary>
    public bool TryGet(in EmbeddingKey key, Span<float> destination) => TryGet(IdOf(key), destination);

    /// <summary>Copies the vector whose key id is <paramref name="id"/> (see <see cref="IdOf"/>) into <paramref name="destination"/>; false when not stored.</summary>
    public bool TryGet(string id, Span<float> destination)
    {
        (string Pack, int Row, int Dimension) entry;
        lock (_gate)
        {
            if (!_index.TryGetValue(id, out entry))
            {
                RefreshLocked();
                if (!_index.TryGetValue(id, out entry))
                {
                    return false;
                }
            }
        }

        if (entry.Dimension != destination.Length)
        {
            return false;
        }

        using var handle = File.OpenHandle(_store.PathOf(entry.Pack), FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = MemoryMarshal.AsBytes(destination);
        long offset = (long)entry.Row * entry.Dimension * sizeof(float);
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(handle, bytes[read..], offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"{_store.PathOf(entry.Pack)}: the vector pack is shorter than its index says.");
            }

            read += n;
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The vector store reads little-endian floats only.");
        }

        return true;
    }

    /// <summary>Stores the rows of <paramref name="vectors"/> ([keys.Count × dimension]) under <paramref name="keys"/>: one pack and its index.</summary>
    public void Put(IReadOnlyList<EmbeddingKey> keys, ReadOnlySpan<float> vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        if (vectors.Length != keys.Count * dimension)
        {
            throw new ArgumentException($"{vectors.Length} values are not {keys.Count} vectors of {dimension}.", nameof(vectors));
        }

        string pack = _store.PutBlob(MemoryMarshal.AsBytes(vectors), ".f32");
        string packName = Path.GetFileNameWithoutExtension(pack);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# pack {pack} dim {dimension}\n");
        for (int row = 0; row < keys.Count; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{IdOf(keys[row])}\t{row}\n");
        }

        string indexFile = $"vectors/index/{packName}.tsv";
        _store.WriteText(indexFile, text.ToString());
        lock (_gate)
        {
            Load(indexFile);
        }
    }

    private void RefreshLocked()
    {
        foreach (string file in _store.List("vectors/index"))
        {
            Load("vectors/index/" + file);
        }
    }

    private void Load(string indexFile)
    {
        if (!_indexFilesRead.Add(indexFile))
        {
            return;
        }

        string? pack = null;
        int dimension = 0;
        foreach (string line in _store.ReadText(indexFile).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ');
                pack = parts[2];
                dimension = int.Parse(parts[4], CultureInfo.InvariantCulture);
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            _index[line[..tab]] = (pack!, int.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture), dimension);
        }
    }
}
