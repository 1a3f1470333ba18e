using ClipGeometry.Embedding.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace ClipGeometry.Embedding.Models;

/// <summary>
/// Turns texts into L2-normalised CLIP text embeddings (float32 [n, d]) with ONNX Runtime: HF Optimum's combined graph
/// (fed a one-pixel-batch dummy image) or a separate <c>text_model.onnx</c>. Texts are tokenised with the model's
/// <see cref="ClipTokenizer"/> and padded with zeros to the context length. Thread-safe.
/// </summary>
public sealed class TextEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TextEmbeds = "text_embeds";

    private readonly InferenceSession _session;
    private readonly bool _hasMask;
    private readonly OrtValue[] _extraInputs;
    private readonly string[] _extraNames;
    private readonly float[]? _dummyPixels;
    private readonly int _fixedBatch;

    /// <summary>
    /// Opens the text model of <paramref name="model"/> (a directory or an .onnx file); the tokenizer is read from the
    /// model's folder (or its parent) unless <paramref name="tokenizer"/> is given.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is the image-only <c>resnet18</c>.</exception>
    public TextEncoder(string model, EncoderOptions? options = null, ClipTokenizer? tokenizer = null)
    {
        options ??= new EncoderOptions();
        options.Validate();
        Files = ModelFiles.Resolve(model);
        if (Files.IsResNet18)
        {
            throw new NotSupportedException("resnet18 embeds images only; texts and cross-modal analyses need a CLIP model (a directory with model.onnx, or vision_model.onnx + text_model.onnx).");
        }

        string path = Files.TextPath ?? Files.CombinedPath
            ?? throw (Files.NamedFile is not null
                ? new InvalidDataException($"{model}: is an image model (vision_model.onnx), not a text model; name text_model.onnx or the model's folder.")
                : new FileNotFoundException($"{model}: no text model (text_model.onnx or model.onnx) found; {ModelFiles.AcceptedLayouts}.", model));
        ModelPath = path;
        _session = OnnxSessions.Open(path, options, out string provider);
        try
        {
            ExecutionProvider = provider;
            var inputs = _session.InputMetadata;
            var outputs = _session.OutputMetadata;
            if (!inputs.ContainsKey(InputIds) || !outputs.ContainsKey(TextEmbeds))
            {
                throw new InvalidDataException($"{path}: not a text model of a supported layout: {OnnxSessions.Describe(_session)}; {ModelFiles.AcceptedLayouts}.");
            }

            var idDims = inputs[InputIds].Dimensions;
            ContextLength = idDims is [_, > 0 and var l] ? l : ClipTokenizer.DefaultContextLength;
            Tokenizer = tokenizer ?? LoadTokenizer(Files.Directory, ContextLength);
            _hasMask = inputs.ContainsKey(AttentionMask);
            bool combined = inputs.TryGetValue("pixel_values", out var pixelMeta);
            Layout = combined ? ModelLayout.Combined : ModelLayout.Separate;
            if (combined)
            {
                var d = pixelMeta!.Dimensions;
                long h = d.Length == 4 && d[2] > 0 ? d[2] : 224, w = d.Length == 4 && d[3] > 0 ? d[3] : 224;
                _dummyPixels = new float[3 * h * w];
                _extraInputs = [OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _dummyPixels.AsMemory(), [1, 3, h, w])];
                _extraNames = ["pixel_values"];
            }
            else
            {
                _extraInputs = [];
                _extraNames = [];
            }

            var outDims = outputs[TextEmbeds].Dimensions;
            Dimension = outDims.Length == 2 && outDims[1] > 0 ? outDims[1]
                : throw new InvalidDataException($"{path}: text_embeds has shape [{string.Join(',', outDims)}]; [n, d] with a fixed d expected.");
            _fixedBatch = Math.Max(0, idDims.Length > 0 ? idDims[0] : 0);
            BatchSize = _fixedBatch > 0 ? _fixedBatch : options.BatchSize;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The files the model argument named.</summary>
    public ModelFiles Files { get; }

    /// <summary>The ONNX file that computes text embeddings.</summary>
    public string ModelPath { get; }

    /// <summary>The layout detected.</summary>
    public ModelLayout Layout { get; }

    /// <summary>The execution provider in use: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>The tokenizer.</summary>
    public ClipTokenizer Tokenizer { get; }

    /// <summary>The model's context length (77 for CLIP).</summary>
    public int ContextLength { get; }

    /// <summary>The embedding dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Texts per ONNX call.</summary>
    public int BatchSize { get; }

    /// <summary>Reads the tokenizer of a model directory or, failing that, of its parent.</summary>
    public static ClipTokenizer LoadTokenizer(string directory, int contextLength = ClipTokenizer.DefaultContextLength)
    {
        try
        {
            return ClipTokenizer.FromDirectory(directory, contextLength);
        }
        catch (FileNotFoundException) when (Path.GetDirectoryName(Path.GetFullPath(directory)) is { } parent && HasTokenizer(parent))
        {
            return ClipTokenizer.FromDirectory(parent, contextLength);
        }
    }

    /// <summary>Encodes <paramref name="texts"/>; returns [n × d], L2-normalised, in order.</summary>
    public float[] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count * Dimension];
        Encode(texts, result, cancellationToken);
        return result;
    }

    /// <summary>Encodes <paramref name="texts"/> into <paramref name="embeddings"/> (n × d floats), L2-normalised, in order.</summary>
    public void Encode(IReadOnlyList<string> texts, Memory<float> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (embeddings.Length != texts.Count * Dimension)
        {
            throw new ArgumentException($"The output holds {embeddings.Length} values; {texts.Count} embeddings of {Dimension} need {texts.Count * Dimension}.", nameof(embeddings));
        }

        int batch = BatchSize;
        var ids = new long[batch * ContextLength];
        var mask = new long[batch * ContextLength];
        var padOut = _fixedBatch > 1 ? new float[batch * Dimension] : null;
        using var runOptions = new RunOptions();
        for (int first = 0; first < texts.Count; first += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(batch, texts.Count - first);
            int rows = _fixedBatch > 1 ? _fixedBatch : n;
            Array.Clear(ids);
            Array.Clear(mask);
            for (int i = 0; i < n; i++)
            {
                Tokenizer.EncodePadded(texts[first + i], ids.AsSpan(i * ContextLength, ContextLength), mask.AsSpan(i * ContextLength, ContextLength));
            }

            long[] shape = [rows, ContextLength];
            using var idValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, rows * ContextLength), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, rows * ContextLength), shape);
            Memory<float> output = embeddings.Slice(first * Dimension, n * Dimension);
            Memory<float> target = padOut is not null ? padOut.AsMemory() : output;
            using var outValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, target, [rows, Dimension]);
            var names = new List<string>(3) { InputIds };
            var values = new List<OrtValue>(3) { idValue };
            if (_hasMask)
            {
                names.Add(AttentionMask);
                values.Add(maskValue);
            }

            names.AddRange(_extraNames);
            values.AddRange(_extraInputs);
            _session.Run(runOptions, names, values, [TextEmbeds], [outValue]);
            if (padOut is not null)
            {
                padOut.AsSpan(0, n * Dimension).CopyTo(output.Span);
            }

            L2Normalization.NormalizeRows(output.Span, Dimension);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var v in _extraInputs)
        {
            v.Dispose();
        }

        _session.Dispose();
    }

    private static bool HasTokenizer(string dir) =>
        (File.Exists(Path.Combine(dir, "vocab.json")) && File.Exists(Path.Combine(dir, "merges.txt")))
        || File.Exists(Path.Combine(dir, "bpe_simple_vocab_16e6.txt.gz"));
}
