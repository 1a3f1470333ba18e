using System.Diagnostics;
using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Sweep;

/// <summary>
/// Embeds a shard's images at every level of a sweep: each image is read and decoded once, and a copy is perturbed
/// for each level whose vector the store does not hold yet (the pipeline is bound by decoding); the perturbed images
/// are preprocessed in parallel and encoded in batches; the new vectors go to the store as one pack. The same
/// decoder, perturbation seeds (from the image's content hash) and preprocessing as <see cref="ImageEmbedder"/>, so
/// the numbers are the same as <c>clipgeo embed</c>'s.
/// </summary>
public sealed class ShardEmbedder
{
    private readonly ImageDecoder _decoder;

    /// <summary>Wraps <paramref name="encoder"/> (owned by the caller).</summary>
    public ShardEmbedder(ImageEncoder encoder, ImageDecoder? decoder = null, int parallelism = 0)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _decoder = decoder ?? new ImageDecoder();
        Parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        ModelHash = EmbeddingCache.HashFiles(encoder.HashedFiles);
    }

    /// <summary>The encoder.</summary>
    public ImageEncoder Encoder { get; }

    /// <summary>SHA-256 of the model's files (part of every vector's key).</summary>
    public string ModelHash { get; }

    /// <summary>Threads that decode, perturb and preprocess.</summary>
    public int Parallelism { get; }

    /// <summary>Embeds <paramref name="shard"/>'s images at every level of <paramref name="levels"/>, storing new vectors in <paramref name="vectors"/>.</summary>
    /// <param name="plan">The plan (for the images' paths).</param>
    /// <param name="shard">The shard.</param>
    /// <param name="levels">The levels, in the spec's order.</param>
    /// <param name="vectors">The store: read first, written with what is computed.</param>
    /// <param name="progress">Receives the images done so far.</param>
    /// <param name="cancellationToken">Stops between images and batches.</param>
    public ShardEmbedding Embed(SweepPlan plan, SweepShard shard, IReadOnlyList<SweepLevel> levels, VectorStore vectors, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(vectors);
        int d = Encoder.Dimension;
        int per = Encoder.ValuesPerImage;
        int count = shard.Items.Count;
        var results = new ShardItem[count];
        var newKeys = new List<EmbeddingKey>();
        var newVectors = new List<float>();
        int reused = 0;

        // Images go in chunks so that about one encoder batch of perturbed images is held at once.
        int chunk = Math.Max(1, Math.Max(Encoder.BatchSize, Parallelism) / Math.Max(1, levels.Count));
        for (int first = 0; first < count; first += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(chunk, count - first);
            var pixels = new float[n * levels.Count * per];
            var filled = new bool[n * levels.Count];
            var keys = new EmbeddingKey[n * levels.Count];
            var localReused = new int[n];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, i =>
            {
                var item = plan.Items[shard.Items[first + i]];
                results[first + i] = Prepare(item, levels, vectors, pixels.AsSpan(i * levels.Count * per, levels.Count * per),
                    filled.AsSpan(i * levels.Count, levels.Count), keys.AsSpan(i * levels.Count, levels.Count), out localReused[i]);
            });
            reused += localReused.Sum();

            // Encode the slots that need the model, in order.
            var slots = Enumerable.Range(0, filled.Length).Where(s => filled[s]).ToArray();
            if (slots.Length > 0)
            {
                var input = new float[slots.Length * per];
                for (int s = 0; s < slots.Length; s++)
                {
                    pixels.AsSpan(slots[s] * per, per).CopyTo(input.AsSpan(s * per, per));
                }

                var output = new float[slots.Length * d];
                EncodeBatch(shard, levels, slots, input, output, cancellationToken);
                foreach (int slot in slots)
                {
                    newKeys.Add(keys[slot]);
                }

                newVectors.AddRange(output);
            }

            progress?.Report(first + n);
        }

        vectors.Put(newKeys, newVectors.ToArray(), d);
        return new ShardEmbedding(shard.Category, shard.Index, results, newKeys.Count, reused);
    }

    // One encoder call over the slots of a chunk (about one encoder batch): a clipgeo.batch span (child of the unit's
    // span when one is current), its latency and the images embedded, tagged with the device.
    private void EncodeBatch(SweepShard shard, IReadOnlyList<SweepLevel> levels, int[] slots, float[] input, float[] output, CancellationToken cancellationToken)
    {
        string device = Encoder.ExecutionProvider.ToLowerInvariant();
        using var activity = SweepTelemetry.ActivitySource.StartActivity(SweepTelemetry.BatchActivity);
        if (activity is not null)
        {
            activity.SetTag("clipgeo.shard", shard.Key);
            activity.SetTag("clipgeo.level", string.Join(',', slots.Select(s => levels[s % levels.Count].Name).Distinct()));
            activity.SetTag("clipgeo.batch.size", slots.Length);
            activity.SetTag("clipgeo.device", device);
        }

        long started = Stopwatch.GetTimestamp();
        Encoder.Encode(input, output, cancellationToken);
        var tag = new KeyValuePair<string, object?>("device", device);
        SweepTelemetry.BatchLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        SweepTelemetry.ImagesEmbedded.Add(slots.Length, tag);
    }

    private ShardItem Prepare(SweepItem item, IReadOnlyList<SweepLevel> levels, VectorStore vectors, Span<float> pixels, Span<bool> filled, Span<EmbeddingKey> keys, out int reused)
    {
        reused = 0;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(item.ImagePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ShardItem(item.Index, null, null, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
        }

        string hash = EmbeddingCache.HashContent(bytes);
        var ids = new string[levels.Count];
        var missing = new List<int>();
        var probe = new float[Encoder.Dimension];
        for (int l = 0; l < levels.Count; l++)
        {
            keys[l] = new EmbeddingKey(ModelHash, hash, levels[l].StoreKey, _decoder.Key, Encoder.ExecutionProvider.ToLowerInvariant(), Encoder.Precision);
            ids[l] = VectorStore.IdOf(keys[l]);
            if (vectors.TryGet(ids[l], probe))
            {
                reused++;
            }
            else
            {
                missing.Add(l);
            }
        }

        if (missing.Count == 0)
        {
            return new ShardItem(item.Index, hash, ids, null);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        using var load = _decoder.Load(stream, item.ImagePath);
        if (!load.Succeeded)
        {
            return new ShardItem(item.Index, hash, null, load.Error!.Reason);
        }

        int per = Encoder.ValuesPerImage;
        ulong seed = EmbeddingCache.SeedOf(hash);
        foreach (int l in missing)
        {
            var perturbation = levels[l].Perturbation;
            if (perturbation.IsIdentity)
            {
                Encoder.Preprocessor.Process(load.Image, pixels.Slice(l * per, per));
            }
            else
            {
                using Image<Rgb24> copy = load.Image.Clone();
                perturbation.Apply(copy, seed);
                Encoder.Preprocessor.Process(copy, pixels.Slice(l * per, per));
            }

            filled[l] = true;
        }

        return new ShardItem(item.Index, hash, ids, null);
    }
}
