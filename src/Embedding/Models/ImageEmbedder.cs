using System.Runtime.ExceptionServices;
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
    private readonly Lazy<string> _modelHash;

    /// <summary>Creates the pipeline around <paramref name="encoder"/>; <paramref name="cache"/> is optional.</summary>
    public ImageEmbedder(ImageEncoder encoder, ImageDecoder? decoder = null, EmbeddingCache? cache = null, int parallelism = 0)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _decoder = decoder ?? new ImageDecoder();
        Cache = cache;
        Parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        _modelHash = new(() => EmbeddingCache.HashFiles(encoder.HashedFiles));
    }

    /// <summary>What embeddings made under <paramref name="perturbation"/> depend on (the key of each less its image).</summary>
    public EmbeddingMetadata Metadata(Perturbation? perturbation) => new(
        EmbeddingKey.PipelineVersion,
        _modelHash.Value,
        perturbation is null || perturbation.IsIdentity ? "none" : perturbation.CacheKey,
        _decoder.Description,
        _decoder.Key,
        Encoder.ExecutionProvider.ToLowerInvariant(),
        Encoder.Precision);

    /// <summary>The encoder.</summary>
    public ImageEncoder Encoder { get; }

    /// <summary>The cache, when one is used.</summary>
    public EmbeddingCache? Cache { get; }

    /// <summary>Threads that decode and preprocess.</summary>
    public int Parallelism { get; }

    /// <summary>Embeds the images at <paramref name="paths"/> under <paramref name="perturbation"/> (none when null).</summary>
    /// <remarks>
    /// A pipeline without barriers: <see cref="Parallelism"/> threads take images in order and fill the slots of a
    /// few pooled batch buffers (batch b in buffer b mod pool size); the encoding thread takes the batches in order,
    /// each once all its images are done (prepared, found in the cache or failed), and frees its buffer for the
    /// batch a pool length later. Memory stays bounded by the pool, and the
    /// model is fed as fast as the cores can decode (on an H100 this reaches the decoders' own throughput).
    /// </remarks>
    /// <param name="paths">Image files.</param>
    /// <param name="perturbation">Applied to each decoded image before preprocessing.</param>
    /// <param name="progress">Receives the number of images done so far, from one thread, increasing.</param>
    /// <param name="cancellationToken">Stops the decoders and the encoder between images.</param>
    public ImageEmbeddingResult Embed(IReadOnlyList<string> paths, Perturbation? perturbation = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int d = Encoder.Dimension;
        int batch = Encoder.BatchSize;
        var run = new Run(this, paths, perturbation is null || perturbation.IsIdentity ? null : perturbation, d);
        int batches = (paths.Count + batch - 1) / batch;
        if (batches == 0)
        {
            return run.Result();
        }

        // Batch b is filled in buffer b mod pooled, which is free once batch b − pooled has been encoded; the encoder
        // takes the batches in order. A decoder holding a row of batch b waits only for batches before b, whose rows
        // were all taken before its own (rows are taken in order), so the earliest unfinished batch always
        // progresses: no decoder can hold a row of a batch that waits for a buffer it is itself keeping busy.
        int pooled = Math.Min(batches, 4);
        var buffers = new Batch[pooled];
        for (int k = 0; k < pooled; k++)
        {
            buffers[k] = new Batch(batch, Encoder.ValuesPerImage, d);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gate = new object();
        int encodedBatches = 0;
        var complete = new bool[batches];
        var remaining = new int[batches];
        for (int b = 0; b < batches; b++)
        {
            remaining[b] = Math.Min(batch, paths.Count - (b * batch));
        }

        using var wake = stop.Token.Register(() =>
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        });

        int next = -1;
        Exception? failure = null;
        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, e, null);
            stop.Cancel();
        }

        void Decode()
        {
            try
            {
                for (int row = Interlocked.Increment(ref next); row < paths.Count; row = Interlocked.Increment(ref next))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    int b = row / batch;
                    if (b >= Volatile.Read(ref encodedBatches) + pooled)
                    {
                        lock (gate)
                        {
                            while (b >= encodedBatches + pooled)
                            {
                                stop.Token.ThrowIfCancellationRequested();
                                Monitor.Wait(gate);
                            }
                        }
                    }

                    run.Prepare(row, buffers[b % pooled]);
                    if (Interlocked.Decrement(ref remaining[b]) == 0)
                    {
                        lock (gate)
                        {
                            complete[b] = true;
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Another thread failed, or the caller cancelled.
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        void Encode()
        {
            try
            {
                int done = 0;
                for (int b = 0; b < batches; b++)
                {
                    lock (gate)
                    {
                        while (!complete[b])
                        {
                            stop.Token.ThrowIfCancellationRequested();
                            Monitor.Wait(gate);
                        }
                    }

                    var buffer = buffers[b % pooled];
                    if (buffer.Slots > 0)
                    {
                        run.Encode(buffer, stop.Token);
                    }

                    done += Math.Min(batch, paths.Count - (b * batch));
                    buffer.Slots = 0;
                    lock (gate)
                    {
                        encodedBatches = b + 1;
                        Monitor.PulseAll(gate);
                    }

                    progress?.Report(done);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Another thread failed, or the caller cancelled.
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        var threads = new Task[Parallelism + 1];
        threads[0] = Task.Factory.StartNew(Encode, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        for (int t = 1; t < threads.Length; t++)
        {
            threads[t] = Task.Factory.StartNew(Decode, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Task.WaitAll(threads, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return run.Result();
    }

    /// <summary>One batch's buffers: preprocessed pixels in slots, the row of each slot, the model's output.</summary>
    private sealed class Batch(int size, int valuesPerImage, int dimension)
    {
        public float[] Pixels { get; } = new float[size * valuesPerImage];

        public int[] SlotRow { get; } = new int[size];

        public float[] Output { get; } = new float[size * dimension];

        /// <summary>Slots filled with preprocessed images (cache hits and failures take none).</summary>
        public int Slots;
    }

    /// <summary>The state of one <see cref="Embed"/> call.</summary>
    private sealed class Run(ImageEmbedder owner, IReadOnlyList<string> paths, Perturbation? perturbation, int dimension)
    {
        private readonly EmbeddingMetadata _metadata = owner.Metadata(perturbation);
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
                _errors[row] = ImageError.ReadFailure(paths[row], e);
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

            return new ImageEmbeddingResult(_result, dimension, _succeeded, errors, _hits, _computed) { Metadata = _metadata };
        }

        private EmbeddingKey Key(string contentHash) => _metadata.KeyFor(contentHash);
    }
}
