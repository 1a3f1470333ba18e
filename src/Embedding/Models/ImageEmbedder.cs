using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Embedding.Models;

/// <summary>
/// The image path of a sweep: read → hash → cache lookup → decode → perturb → preprocess → batch → encode → cache.
/// Decoding, perturbation and preprocessing of a batch run in parallel; a bad image becomes an error record and the
/// run goes on.
/// </summary>
public sealed class ImageEmbedder
{
    private readonly ImageDecoder _decoder;
    private readonly string? _modelHash;

    /// <summary>Creates the pipeline around <paramref name="encoder"/>; <paramref name="cache"/> is optional.</summary>
    public ImageEmbedder(ImageEncoder encoder, ImageDecoder? decoder = null, EmbeddingCache? cache = null, int parallelism = 0)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _decoder = decoder ?? new ImageDecoder();
        Cache = cache;
        Parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        _modelHash = cache is not null ? EmbeddingCache.HashFiles(encoder.HashedFiles) : null;
    }

    /// <summary>The encoder.</summary>
    public ImageEncoder Encoder { get; }

    /// <summary>The cache, when one is used.</summary>
    public EmbeddingCache? Cache { get; }

    /// <summary>Threads that decode and preprocess.</summary>
    public int Parallelism { get; }

    /// <summary>Embeds the images at <paramref name="paths"/> under <paramref name="perturbation"/> (none when null).</summary>
    /// <param name="paths">Image files.</param>
    /// <param name="perturbation">Applied to each decoded image before preprocessing.</param>
    /// <param name="progress">Receives the number of images done so far.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public ImageEmbeddingResult Embed(IReadOnlyList<string> paths, Perturbation? perturbation = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int d = Encoder.Dimension;
        int per = Encoder.ValuesPerImage;
        int batch = Encoder.BatchSize;
        string perturbationKey = perturbation is null || perturbation.IsIdentity ? "none" : perturbation.CacheKey;
        var result = new float[paths.Count * d];
        var succeeded = new bool[paths.Count];
        var errors = new ImageError?[paths.Count];
        var hashes = new string?[paths.Count];
        var pixels = new float[batch * per];
        var slotRow = new int[batch];
        var computed = new float[batch * d];
        int hits = 0, done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        for (int first = 0; first < paths.Count; first += batch)
        {
            int n = Math.Min(batch, paths.Count - first);
            int slots = 0;
            Parallel.For(0, n, parallel, i =>
            {
                int row = first + i;
                try
                {
                    byte[] bytes = File.ReadAllBytes(paths[row]);
                    string hash = EmbeddingCache.HashContent(bytes);
                    hashes[row] = hash;
                    if (Cache is not null && Cache.TryGet(new EmbeddingKey(_modelHash!, hash, perturbationKey), result.AsSpan(row * d, d)))
                    {
                        succeeded[row] = true;
                        Interlocked.Increment(ref hits);
                        return;
                    }

                    using var stream = new MemoryStream(bytes, writable: false);
                    using var load = _decoder.Load(stream, paths[row]);
                    if (!load.Succeeded)
                    {
                        errors[row] = load.Error;
                        return;
                    }

                    if (perturbation is not null && !perturbation.IsIdentity)
                    {
                        perturbation.Apply(load.Image, EmbeddingCache.SeedOf(hash));
                    }

                    int slot = Interlocked.Increment(ref slots) - 1;
                    slotRow[slot] = row;
                    Encoder.Preprocessor.Process(load.Image, pixels.AsSpan(slot * per, per));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors[row] = new ImageError(paths[row], e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
                }
            });

            if (slots > 0)
            {
                Encoder.Encode(pixels.AsMemory(0, slots * per), computed.AsMemory(0, slots * d), cancellationToken);
                for (int s = 0; s < slots; s++)
                {
                    int row = slotRow[s];
                    var embedding = computed.AsSpan(s * d, d);
                    embedding.CopyTo(result.AsSpan(row * d, d));
                    succeeded[row] = true;
                    Cache?.Put(new EmbeddingKey(_modelHash!, hashes[row]!, perturbationKey), embedding);
                }
            }

            done += n;
            progress?.Report(done);
        }

        var errorList = new List<ImageError>();
        foreach (var e in errors)
        {
            if (e is not null)
            {
                errorList.Add(e);
            }
        }

        int computedCount = 0;
        foreach (bool s in succeeded)
        {
            computedCount += s ? 1 : 0;
        }

        return new ImageEmbeddingResult(result, d, succeeded, errorList, hits, computedCount - hits);
    }
}
