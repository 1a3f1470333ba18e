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
    /// <remarks>
    /// Two batch buffers alternate: while the model encodes one batch, the next is decoded, perturbed and
    /// preprocessed, so that a GPU is kept busy by the CPU cores.
    /// </remarks>
    /// <param name="paths">Image files.</param>
    /// <param name="perturbation">Applied to each decoded image before preprocessing.</param>
    /// <param name="progress">Receives the number of images done so far.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public ImageEmbeddingResult Embed(IReadOnlyList<string> paths, Perturbation? perturbation = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int d = Encoder.Dimension;
        int batch = Encoder.BatchSize;
        var run = new Run(this, paths, perturbation is null || perturbation.IsIdentity ? null : perturbation, d);
        Batch[] buffers = [new Batch(batch, Encoder.ValuesPerImage, d), new Batch(batch, Encoder.ValuesPerImage, d)];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        Task encoding = Task.CompletedTask;
        int done = 0, k = 0;
        try
        {
            for (int first = 0; first < paths.Count; first += batch, k++)
            {
                int n = Math.Min(batch, paths.Count - first);
                var current = buffers[k % 2];
                current.Slots = 0;
                int offset = first;
                Parallel.For(0, n, parallel, i => run.Prepare(offset + i, current));

                // The previous batch must be encoded before this one starts (one model call at a time keeps
                // memory bounded; the overlap is between preparing and encoding).
                encoding.GetAwaiter().GetResult();
                done += n;
                int reported = done;
                encoding = current.Slots > 0
                    ? Task.Run(() => { run.Encode(current, cancellationToken); progress?.Report(reported); }, cancellationToken)
                    : Task.Run(() => progress?.Report(reported), cancellationToken);
            }
        }
        finally
        {
            try
            {
                encoding.GetAwaiter().GetResult();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Cancellation is reported by the caller's token below.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return run.Result();
    }

    /// <summary>One batch's buffers: preprocessed pixels in slots, the row of each slot, the model's output.</summary>
    private sealed class Batch(int size, int valuesPerImage, int dimension)
    {
        public float[] Pixels { get; } = new float[size * valuesPerImage];

        public int[] SlotRow { get; } = new int[size];

        public float[] Output { get; } = new float[size * dimension];

        public int Slots;
    }

    /// <summary>The state of one <see cref="Embed"/> call.</summary>
    private sealed class Run(ImageEmbedder owner, IReadOnlyList<string> paths, Perturbation? perturbation, int dimension)
    {
        private readonly string _perturbationKey = perturbation?.CacheKey ?? "none";
        private readonly float[] _result = new float[paths.Count * dimension];
        private readonly bool[] _succeeded = new bool[paths.Count];
        private readonly ImageError?[] _errors = new ImageError?[paths.Count];
        private readonly string?[] _hashes = new string?[paths.Count];
        private int _hits;
        private int _computed;

        public void Prepare(int row, Batch batch)
        {
            int per = owner.Encoder.ValuesPerImage;
            try
            {
                byte[] bytes = File.ReadAllBytes(paths[row]);
                string hash = EmbeddingCache.HashContent(bytes);
                _hashes[row] = hash;
                if (owner.Cache is not null && owner.Cache.TryGet(Key(hash), _result.AsSpan(row * dimension, dimension)))
                {
                    _succeeded[row] = true;
                    Interlocked.Increment(ref _hits);
                    return;
                }

                using var stream = new MemoryStream(bytes, writable: false);
                using var load = owner._decoder.Load(stream, paths[row]);
                if (!load.Succeeded)
                {
                    _errors[row] = load.Error;
                    return;
                }

                perturbation?.Apply(load.Image, EmbeddingCache.SeedOf(hash));
                int slot = Interlocked.Increment(ref batch.Slots) - 1;
                batch.SlotRow[slot] = row;
                owner.Encoder.Preprocessor.Process(load.Image, batch.Pixels.AsSpan(slot * per, per));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _errors[row] = new ImageError(paths[row], e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
            }
        }

        public void Encode(Batch batch, CancellationToken cancellationToken)
        {
            int per = owner.Encoder.ValuesPerImage;
            owner.Encoder.Encode(batch.Pixels.AsMemory(0, batch.Slots * per), batch.Output.AsMemory(0, batch.Slots * dimension), cancellationToken);
            for (int s = 0; s < batch.Slots; s++)
            {
                int row = batch.SlotRow[s];
                var embedding = batch.Output.AsSpan(s * dimension, dimension);
                embedding.CopyTo(_result.AsSpan(row * dimension, dimension));
                _succeeded[row] = true;
                owner.Cache?.Put(Key(_hashes[row]!), embedding);
            }

            _computed += batch.Slots;
        }

        public ImageEmbeddingResult Result()
        {
            var errors = new List<ImageError>();
            foreach (var e in _errors)
            {
                if (e is not null)
                {
                    errors.Add(e);
                }
            }

            return new ImageEmbeddingResult(_result, dimension, _succeeded, errors, _hits, _computed);
        }

        private EmbeddingKey Key(string contentHash) => new(owner._modelHash!, contentHash, _perturbationKey);
    }
}
