using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Perturbations;

// End-to-end image embedding throughput on one GPU: JPEG files → decode (libjpeg-turbo, PIL's pixels) → optional
// blur → CLIP preprocessing → batches → ONNX Runtime. Measures the GPU ceiling (encode only), the CPU ceiling
// (decode + preprocess only) and the pipeline, and says where the time goes; then checks that the GPU's embeddings
// (fp32, TF32 off) agree with the CPU's, cosine >= 0.99999 per image (exit 1 otherwise).
var options = BenchOptions.Parse(args);
var files = Directory.GetFiles(options.Images, "*.jpg").Order(StringComparer.Ordinal).Take(options.Limit).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine($"embed-gpu-bench: no .jpg files in {options.Images}.");
    return 1;
}

using var encoder = new ImageEncoder(options.Model, new EncoderOptions { BatchSize = options.Batch, Provider = options.Provider });
var decoder = new ImageDecoder();
Perturbation? blur = options.Sigma > 0 ? new GaussianBlur(options.Sigma) : null;
int per = encoder.ValuesPerImage;
Report($"model {encoder.ModelPath}: layout {encoder.Layout}, provider {encoder.ExecutionProvider}, d = {encoder.Dimension}, batch {encoder.BatchSize}");
Report($"{files.Length} JPEGs × {options.Repeat} passes, {options.Decoders} decoding threads, {options.Streams} encoding streams, σ = {options.Sigma}, {Environment.ProcessorCount} cores");

// 1. GPU ceiling: the same preprocessed batches, encoded by `Streams` concurrent callers.
double gpuRate;
{
    var rng = new Random(1);
    var inputs = Enumerable.Range(0, options.Streams).Select(_ => Enumerable.Range(0, options.Batch * per).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
    var outputs = Enumerable.Range(0, options.Streams).Select(_ => new float[options.Batch * encoder.Dimension]).ToArray();
    for (int s = 0; s < options.Streams; s++)
    {
        encoder.Encode(inputs[s], outputs[s]);
    }

    int calls = options.Calls;
    var sw = Stopwatch.StartNew();
    Parallel.For(0, options.Streams, s =>
    {
        for (int k = 0; k < calls; k++)
        {
            encoder.Encode(inputs[s], outputs[s]);
        }
    });
    gpuRate = options.Streams * calls * options.Batch / sw.Elapsed.TotalSeconds;
    Report($"encode only (host→device copy + model + normalise): {gpuRate:F0} images/s");
}

// 2. CPU ceiling: decode (+ blur) + preprocess on all decoding threads, nothing encoded.
var stageTicks = new long[3];
double cpuRate;
{
    var warm = new float[per];
    foreach (string file in files.Take(Math.Min(files.Length, 8 * options.Decoders)))
    {
        Prepare(file, warm);
    }

    Array.Clear(stageTicks);
    var sw = Stopwatch.StartNew();
    int done = 0;
    Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Decoders }, () => new float[per], (i, _, buffer) =>
    {
        if (Prepare(files[i], buffer))
        {
            Interlocked.Increment(ref done);
        }

        return buffer;
    }, _ => { });
    cpuRate = done / sw.Elapsed.TotalSeconds;
    double total = stageTicks.Sum();
    Report($"decode + preprocess only: {cpuRate:F0} images/s ({cpuRate / options.Decoders:F0} per thread); of the CPU time: decode {100 * stageTicks[0] / total:F0}%, blur {100 * stageTicks[1] / total:F0}%, preprocess {100 * stageTicks[2] / total:F0}%");
}

// 3. The pipeline: decoding threads fill batch buffers slot by slot; full batches go to the encoding streams.
double pipeRate;
long encodeTicks = 0, waitTicks = 0;
{
    Array.Clear(stageTicks);
    int total = files.Length * options.Repeat;
    int batches = (total + options.Batch - 1) / options.Batch;
    int inFlight = Math.Max(2 * options.Streams, (options.Decoders / Math.Max(1, options.Batch / 32)) + 2);
    var pool = Channel.CreateBounded<float[]>(inFlight);
    for (int k = 0; k < inFlight; k++)
    {
        pool.Writer.TryWrite(new float[options.Batch * per]);
    }

    var ready = Channel.CreateUnbounded<(float[] Buffer, int Count)>();
    var slots = new float[batches][];
    var remaining = new int[batches];
    for (int b = 0; b < batches; b++)
    {
        remaining[b] = Math.Min(options.Batch, total - (b * options.Batch));
    }

    var acquire = new object();
    int next = -1;
    var sw = Stopwatch.StartNew();
    var producers = Enumerable.Range(0, options.Decoders).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            int index = Interlocked.Increment(ref next);
            if (index >= total)
            {
                return;
            }

            int b = index / options.Batch;
            float[]? buffer = Volatile.Read(ref slots[b]);
            if (buffer is null)
            {
                long w0 = Stopwatch.GetTimestamp();
                var fresh = await pool.Reader.ReadAsync().ConfigureAwait(false);
                Interlocked.Add(ref waitTicks, Stopwatch.GetTimestamp() - w0);
                buffer = Interlocked.CompareExchange(ref slots[b], fresh, null) ?? fresh;
                if (!ReferenceEquals(buffer, fresh))
                {
                    pool.Writer.TryWrite(fresh);
                }
            }

            int slot = index % options.Batch;
            if (!Prepare(files[index % files.Length], buffer.AsSpan(slot * per, per)))
            {
                buffer.AsSpan(slot * per, per).Clear();
            }

            if (Interlocked.Decrement(ref remaining[b]) == 0)
            {
                ready.Writer.TryWrite((buffer, Math.Min(options.Batch, total - (b * options.Batch))));
            }
        }
    })).ToArray();
    var consumers = Enumerable.Range(0, options.Streams).Select(_ => Task.Run(async () =>
    {
        var output = new float[options.Batch * encoder.Dimension];
        await foreach (var (buffer, count) in ready.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            long t0 = Stopwatch.GetTimestamp();
            encoder.Encode(buffer.AsMemory(0, count * per), output.AsMemory(0, count * encoder.Dimension));
            Interlocked.Add(ref encodeTicks, Stopwatch.GetTimestamp() - t0);
            pool.Writer.TryWrite(buffer);
        }
    })).ToArray();
    await Task.WhenAll(producers).ConfigureAwait(false);
    ready.Writer.Complete();
    await Task.WhenAll(consumers).ConfigureAwait(false);
    pipeRate = total / sw.Elapsed.TotalSeconds;
    double wall = sw.Elapsed.TotalSeconds;
    Report($"end to end, JPEG files → embeddings: {pipeRate:F0} images/s ({total} images in {wall:F2} s)");
    Report($"  encoding streams busy {100 * Seconds(encodeTicks) / (options.Streams * wall):F0}% of the wall time; decoders waited for a free batch buffer {Seconds(waitTicks):F2} thread-seconds");
    Report($"  decoder thread-seconds: decode {Seconds(stageTicks[0]):F1}, blur {Seconds(stageTicks[1]):F1}, preprocess {Seconds(stageTicks[2]):F1}");
}

// 4. The product's own pipeline (ImageEmbedder: parallel decode + preprocess of one batch while the previous one encodes).
double embedderRate;
{
    var embedder = new ImageEmbedder(encoder, decoder, cache: null, parallelism: options.Decoders);
    var paths = Enumerable.Range(0, files.Length * options.Repeat).Select(i => files[i % files.Length]).ToArray();
    var sw = Stopwatch.StartNew();
    var result = embedder.Embed(paths, blur);
    embedderRate = paths.Length / sw.Elapsed.TotalSeconds;
    Report($"ImageEmbedder.Embed, JPEG files → embeddings: {embedderRate:F0} images/s ({paths.Length} images, {result.Errors.Count} errors)");
}

// 5. Precision: on CUDA (TF32 off by default), every image's embedding must agree with the CPU's: cosine >= 0.99999.
int belowPrecision = 0;
if (encoder.ExecutionProvider == "CUDA")
{
    using var cpu = new ImageEncoder(options.Model, new EncoderOptions { BatchSize = options.Batch, Provider = ExecutionProviderPreference.Cpu });
    var sample = files.Take(Math.Min(files.Length, 256)).ToArray();
    var pixels = new float[sample.Length * per];
    int prepared = 0;
    foreach (string file in sample)
    {
        prepared += Prepare(file, pixels.AsSpan(prepared * per, per)) ? 1 : 0;
    }

    float[] onGpu = encoder.Encode(pixels, prepared), onCpu = cpu.Encode(pixels, prepared);
    double worst = 1;
    for (int i = 0; i < prepared; i++)
    {
        double dot = 0;
        for (int k = 0; k < encoder.Dimension; k++)
        {
            dot += (double)onGpu[(i * encoder.Dimension) + k] * onCpu[(i * encoder.Dimension) + k];
        }

        worst = Math.Min(worst, dot);
        belowPrecision += dot < 0.99999 ? 1 : 0;
    }

    Report($"GPU ({encoder.Precision}) vs CPU embeddings of {prepared} images: lowest cosine {worst:F8}; {belowPrecision} below 0.99999");
}

Report($"SUMMARY provider={encoder.ExecutionProvider} precision={encoder.Precision} batch={options.Batch} decoders={options.Decoders} sigma={options.Sigma} encode_only={gpuRate:F0} cpu_only={cpuRate:F0} end_to_end={pipeRate:F0} image_embedder={embedderRate:F0} images/s");
return belowPrecision == 0 ? 0 : 1;

bool Prepare(string path, Span<float> destination)
{
    long t0 = Stopwatch.GetTimestamp();
    using var loaded = decoder.Load(path);
    long t1 = Stopwatch.GetTimestamp();
    Interlocked.Add(ref stageTicks[0], t1 - t0);
    if (!loaded.Succeeded)
    {
        Console.Error.WriteLine($"skipped {loaded.Error!.Path}: {loaded.Error.Reason}");
        return false;
    }

    blur?.Apply(loaded.Image!, 0);
    long t2 = Stopwatch.GetTimestamp();
    Interlocked.Add(ref stageTicks[1], t2 - t1);
    encoder.Preprocessor.Process(loaded.Image!, destination);
    Interlocked.Add(ref stageTicks[2], Stopwatch.GetTimestamp() - t2);
    return true;
}

static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

static void Report(string line) => Console.WriteLine(line);

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchOptions(string Model, string Images, int Batch, int Decoders, int Streams, int Limit, int Repeat, int Calls, double Sigma, ExecutionProviderPreference Provider)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new BenchOptions(
            Get("--model", "model"),
            Get("--images", "images"),
            Int("--batch", 256),
            Int("--decoders", Environment.ProcessorCount),
            Int("--streams", 2),
            Int("--limit", int.MaxValue),
            Int("--repeat", 1),
            Int("--calls", 20),
            double.Parse(Get("--sigma", "0"), CultureInfo.InvariantCulture),
            Enum.Parse<ExecutionProviderPreference>(Get("--provider", "Auto"), ignoreCase: true));
    }
}
