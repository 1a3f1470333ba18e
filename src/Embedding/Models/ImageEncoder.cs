using System.Buffers;
using System.Runtime.InteropServices;
using ClipGeometry.Embedding.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Models;

/// <summary>
/// Turns preprocessed images (float32 [n, 3, H, W]) into L2-normalised embeddings (float32 [n, d]) with ONNX Runtime:
/// a CLIP vision tower (HF Optimum's combined graph, fed a one-token dummy text, or a separate
/// <c>vision_model.onnx</c>) or the embedded ResNet-18. Batches go to the model as tensors over the caller's memory,
/// without copies. Thread-safe: several threads may encode at once.
/// </summary>
public sealed class ImageEncoder : IDisposable
{
    private const string PixelValues = "pixel_values";
    private const string ImageEmbeds = "image_embeds";

    private readonly InferenceSession _session;
    private readonly InferenceSession? _resNetPreprocess;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _extraInputs;
    private readonly int _fixedBatch;
    private readonly long[] _outputShapeTail;

    /// <summary>
    /// Opens the image model of <paramref name="model"/>: a model directory, an .onnx file, or <c>resnet18</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No model file is there.</exception>
    /// <exception cref="InvalidDataException">The file is not a supported image model; the message lists its tensors and the layouts accepted.</exception>
    /// <exception cref="InvalidOperationException">CUDA was required and cannot be used.</exception>
    public ImageEncoder(string model, EncoderOptions? options = null)
    {
        options ??= new EncoderOptions();
        options.Validate();
        Files = ModelFiles.Resolve(model);
        string path = Files.VisionPath ?? Files.CombinedPath
            ?? throw (Files.NamedFile is not null
                ? new InvalidDataException($"{model}: is a text model (text_model.onnx), not an image model; name vision_model.onnx or the model's folder.")
                : new FileNotFoundException($"{model}: no image model (vision_model.onnx or model.onnx) found; {ModelFiles.AcceptedLayouts}.", model));
        ModelPath = path;
        _session = OnnxSessions.Open(path, options, out string provider);
        try
        {
            ExecutionProvider = provider;
            Precision = options.PrecisionOn(provider);
            var inputs = _session.InputMetadata;
            var outputs = _session.OutputMetadata;
            if (Files.IsResNet18)
            {
                Layout = ModelLayout.ResNet18;
                // On the provider the main model got: CUDA is not tried again after it failed.
                var preprocessProvider = provider == "CPU" ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Cuda;
                _resNetPreprocess = OnnxSessions.Open(Files.ResNetPreprocessPath!, options with { Provider = preprocessProvider }, out _);
                Preprocessor = new ClipPreprocessor(new PreprocessorConfig { DoRescale = false, DoNormalize = false });
                _inputNames = [inputs.Keys.Single()];
                _outputNames = [outputs.Keys.Single()];
                _extraInputs = [];
                var dims = outputs[_outputNames[0]].Dimensions;
                Dimension = dims[1];
                _outputShapeTail = dims.Skip(1).Select(d => (long)d).ToArray();
                _fixedBatch = 1;
            }
            else
            {
                if (!inputs.ContainsKey(PixelValues) || !outputs.ContainsKey(ImageEmbeds))
                {
                    throw new InvalidDataException($"{path}: not an image model of a supported layout: {OnnxSessions.Describe(_session)}; {ModelFiles.AcceptedLayouts}.");
                }

                bool combined = inputs.ContainsKey("input_ids");
                Layout = combined ? ModelLayout.Combined : ModelLayout.Separate;
                Preprocessor = ClipPreprocessor.FromDirectory(Files.Directory);
                string[] names = [];
                _extraInputs = combined ? DummyText(inputs, out names) : [];
                _inputNames = combined ? [PixelValues, .. names] : [PixelValues];
                _outputNames = [ImageEmbeds];
                var pixelDims = inputs[PixelValues].Dimensions;
                if (pixelDims.Length != 4 || (pixelDims[1] > 0 && pixelDims[1] != 3))
                {
                    throw new InvalidDataException($"{path}: pixel_values has shape [{string.Join(',', pixelDims)}]; [n, 3, H, W] expected.");
                }

                if ((pixelDims[2] > 0 && pixelDims[2] != Preprocessor.Height) || (pixelDims[3] > 0 && pixelDims[3] != Preprocessor.Width))
                {
                    throw new InvalidDataException($"{path}: the model takes {pixelDims[2]}×{pixelDims[3]} images but preprocessor_config.json crops {Preprocessor.Height}×{Preprocessor.Width}.");
                }

                _fixedBatch = Math.Max(0, pixelDims[0]);
                var outDims = outputs[ImageEmbeds].Dimensions;
                Dimension = outDims.Length == 2 && outDims[1] > 0 ? outDims[1]
                    : throw new InvalidDataException($"{path}: image_embeds has shape [{string.Join(',', outDims)}]; [n, d] with a fixed d expected.");
                _outputShapeTail = [Dimension];
            }

            BatchSize = _fixedBatch > 0 ? _fixedBatch : options.BatchSize;
        }
        catch
        {
            _session.Dispose();
            _resNetPreprocess?.Dispose();
            throw;
        }
    }

    /// <summary>The files the model argument named.</summary>
    public ModelFiles Files { get; }

    /// <summary>The files whose contents determine the embeddings (ONNX graphs, external weights, preprocessing config), for cache keys.</summary>
    public IReadOnlyList<string> HashedFiles
    {
        get
        {
            var files = new List<string> { ModelPath };
            foreach (string? extra in new[] { ModelPath + "_data", ModelPath + ".data", Files.ResNetPreprocessPath, PreprocessorConfig.Locate(Files.Directory) })
            {
                if (extra is not null && File.Exists(extra))
                {
                    files.Add(extra);
                }
            }

            return files;
        }
    }

    /// <summary>The ONNX file that computes image embeddings.</summary>
    public string ModelPath { get; }

    /// <summary>The layout detected.</summary>
    public ModelLayout Layout { get; }

    /// <summary>The execution provider in use: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>The arithmetic of the model's matrix products: <c>fp32</c>, or <c>tf32</c> (CUDA with <see cref="EncoderOptions.AllowTf32"/>).</summary>
    public string Precision { get; }

    /// <summary>The embedding dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Images per ONNX call.</summary>
    public int BatchSize { get; }

    /// <summary>The preprocessing this model expects (from its <c>preprocessor_config.json</c>).</summary>
    public ClipPreprocessor Preprocessor { get; }

    /// <summary>Floats per preprocessed image (3 × H × W).</summary>
    public int ValuesPerImage => Preprocessor.ValuesPerImage;

    /// <summary>
    /// Encodes <paramref name="pixels"/> (n × <see cref="ValuesPerImage"/> floats, any n) into <paramref name="embeddings"/>
    /// (n × <see cref="Dimension"/> floats), <see cref="BatchSize"/> images per call, L2-normalised.
    /// </summary>
    public void Encode(ReadOnlyMemory<float> pixels, Memory<float> embeddings, CancellationToken cancellationToken = default)
    {
        int per = ValuesPerImage;
        if (pixels.Length % per != 0)
        {
            throw new ArgumentException($"{pixels.Length} values are not a whole number of {per}-value images.", nameof(pixels));
        }

        int count = pixels.Length / per;
        if (embeddings.Length != count * Dimension)
        {
            throw new ArgumentException($"The output holds {embeddings.Length} values; {count} embeddings of {Dimension} need {count * Dimension}.", nameof(embeddings));
        }

        var pixelsMemory = MemoryMarshal.AsMemory(pixels);
        float[]? scratch = _resNetPreprocess is not null ? ArrayPool<float>.Shared.Rent(per) : null;
        float[]? padIn = null, padOut = null;
        try
        {
            for (int first = 0; first < count; first += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(BatchSize, count - first);
                Memory<float> input = pixelsMemory.Slice(first * per, n * per);
                Memory<float> output = embeddings.Slice(first * Dimension, n * Dimension);
                if (_fixedBatch > 1 && n < _fixedBatch)
                {
                    padIn ??= new float[_fixedBatch * per];
                    padOut ??= new float[_fixedBatch * Dimension];
                    input.Span.CopyTo(padIn);
                    padIn.AsSpan(n * per).Clear();
                    RunBatch(padIn, padOut, _fixedBatch, scratch);
                    padOut.AsSpan(0, n * Dimension).CopyTo(output.Span);
                }
                else
                {
                    RunBatch(input, output, n, scratch);
                }

                L2Normalization.NormalizeRows(output.Span, Dimension);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>Encodes <paramref name="count"/> preprocessed images held in <paramref name="pixels"/>; returns [count × d].</summary>
    public float[] Encode(float[] pixels, int count)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var result = new float[count * Dimension];
        Encode(pixels.AsMemory(0, count * ValuesPerImage), result);
        return result;
    }

    /// <summary>Preprocesses and encodes decoded images; returns [n × d].</summary>
    public float[] Encode(IReadOnlyList<Image<Rgb24>> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count * Dimension];
        int per = ValuesPerImage;
        var buffer = new float[Math.Min(BatchSize, Math.Max(1, images.Count)) * per];
        for (int first = 0; first < images.Count; first += BatchSize)
        {
            int n = Math.Min(BatchSize, images.Count - first);
            for (int i = 0; i < n; i++)
            {
                Preprocessor.Process(images[first + i], buffer.AsSpan(i * per, per));
            }

            Encode(buffer.AsMemory(0, n * per), result.AsMemory(first * Dimension, n * Dimension), cancellationToken);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var v in _extraInputs)
        {
            v.Dispose();
        }

        _session.Dispose();
        _resNetPreprocess?.Dispose();
    }

    /// <summary>A one-token text (start, end) for the combined graph, which needs both modalities on every call.</summary>
    internal static OrtValue[] DummyText(IReadOnlyDictionary<string, NodeMetadata> inputs, out string[] names)
    {
        int length = inputs["input_ids"].Dimensions is [_, > 0 and var l] ? l : 77;
        var ids = new long[length];
        ids[0] = 49406;
        ids[1] = 49407;
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(ids, [1, length]) };
        var list = new List<string> { "input_ids" };
        if (inputs.ContainsKey("attention_mask"))
        {
            var mask = new long[length];
            mask[0] = mask[1] = 1;
            values.Add(OrtValue.CreateTensorValueFromMemory(mask, [1, length]));
            list.Add("attention_mask");
        }

        names = [.. list];
        return [.. values];
    }

    private void RunBatch(Memory<float> input, Memory<float> output, int n, float[]? scratch)
    {
        long[] inShape = [n, 3, Preprocessor.Height, Preprocessor.Width];
        long[] outShape = [n, .. _outputShapeTail];
        using var runOptions = new RunOptions();
        if (_resNetPreprocess is not null)
        {
            using var raw = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, inShape);
            using var prepared = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, scratch.AsMemory(0, ValuesPerImage), inShape);
            _resNetPreprocess.Run(runOptions, [_resNetPreprocess.InputMetadata.Keys.Single()], [raw], [_resNetPreprocess.OutputMetadata.Keys.Single()], [prepared]);
            using var features = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, outShape);
            _session.Run(runOptions, _inputNames, [prepared], _outputNames, [features]);
            return;
        }

        using var pixels = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, inShape);
        using var embeds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, outShape);
        _session.Run(runOptions, _inputNames, [pixels, .. _extraInputs], _outputNames, [embeds]);
    }
}
