using System.Globalization;
using System.Text.Json;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Preprocessing;

/// <summary>
/// The image preprocessing of a model, as HF's <c>preprocessor_config.json</c> (CLIPImageProcessor) states it:
/// bicubic resize of the shortest edge, centre crop, rescale, normalise. <see cref="Clip"/> holds CLIP's values,
/// used when a model directory has no such file.
/// </summary>
public sealed record PreprocessorConfig
{
    /// <summary>CLIP's per-channel mean (RGB).</summary>
    public static readonly IReadOnlyList<float> ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];

    /// <summary>CLIP's per-channel standard deviation (RGB).</summary>
    public static readonly IReadOnlyList<float> ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>CLIP's preprocessing: shortest edge 224, centre crop 224, scale 1/255, CLIP's mean and std.</summary>
    public static PreprocessorConfig Clip { get; } = new();

    /// <summary>Whether to resize the shortest edge to <see cref="ShortestEdge"/>.</summary>
    public bool DoResize { get; init; } = true;

    /// <summary>The length of the shortest edge after resizing.</summary>
    public int ShortestEdge { get; init; } = 224;

    /// <summary>Whether to crop the centre <see cref="CropHeight"/> × <see cref="CropWidth"/>.</summary>
    public bool DoCenterCrop { get; init; } = true;

    /// <summary>The crop's height.</summary>
    public int CropHeight { get; init; } = 224;

    /// <summary>The crop's width.</summary>
    public int CropWidth { get; init; } = 224;

    /// <summary>Whether to multiply grey levels by <see cref="RescaleFactor"/>.</summary>
    public bool DoRescale { get; init; } = true;

    /// <summary>The factor grey levels are multiplied by (1/255).</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    /// <summary>Whether to subtract <see cref="Mean"/> and divide by <see cref="Std"/>.</summary>
    public bool DoNormalize { get; init; } = true;

    /// <summary>The per-channel mean (R, G, B).</summary>
    public IReadOnlyList<float> Mean { get; init; } = ClipMean;

    /// <summary>The per-channel standard deviation (R, G, B).</summary>
    public IReadOnlyList<float> Std { get; init; } = ClipStd;

    /// <summary>The model input's height: the crop height, or the resized height when nothing is cropped.</summary>
    public int OutputHeight => DoCenterCrop ? CropHeight : ShortestEdge;

    /// <summary>The model input's width.</summary>
    public int OutputWidth => DoCenterCrop ? CropWidth : ShortestEdge;

    /// <summary>
    /// Reads <c>preprocessor_config.json</c> from <paramref name="directory"/> (or its parent, where HF exports with
    /// separate encoders keep it); CLIP's values when there is none.
    /// </summary>
    public static PreprocessorConfig FromDirectory(string directory) => Locate(directory) is { } path ? Read(path) : Clip;

    /// <summary>The <c>preprocessor_config.json</c> of <paramref name="directory"/> or its parent; null when neither has one.</summary>
    public static string? Locate(string directory)
    {
        foreach (string? dir in new[] { directory, Path.GetDirectoryName(Path.GetFullPath(directory)) })
        {
            string? path = dir is null ? null : Path.Combine(dir, "preprocessor_config.json");
            if (path is not null && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Reads an HF <c>preprocessor_config.json</c>; absent keys take CLIP's values.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or asks for something unsupported; the message names the file and key.</exception>
    public static PreprocessorConfig Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the file is not a JSON object.");
            }

            var config = new PreprocessorConfig();
            if (root.TryGetProperty("resample", out var resample) && resample.ValueKind == JsonValueKind.Number && resample.GetInt32() != 3)
            {
                throw new InvalidDataException($"'resample' is {resample.GetInt32()}; only 3 (bicubic, CLIP's) is supported.");
            }

            if (root.TryGetProperty("do_convert_rgb", out var rgb) && rgb.ValueKind == JsonValueKind.False)
            {
                throw new InvalidDataException("'do_convert_rgb' is false; images are always converted to RGB.");
            }

            config = config with
            {
                DoResize = Bool(root, "do_resize", config.DoResize),
                ShortestEdge = Size(root, "size", "shortest_edge", config.ShortestEdge),
                DoCenterCrop = Bool(root, "do_center_crop", config.DoCenterCrop),
                CropHeight = Size(root, "crop_size", "height", config.CropHeight),
                CropWidth = Size(root, "crop_size", "width", config.CropWidth),
                DoRescale = Bool(root, "do_rescale", config.DoRescale),
                RescaleFactor = root.TryGetProperty("rescale_factor", out var f) ? f.GetDouble() : config.RescaleFactor,
                DoNormalize = Bool(root, "do_normalize", config.DoNormalize),
                Mean = Triple(root, "image_mean", config.Mean),
                Std = Triple(root, "image_std", config.Std),
            };
            foreach (float s in config.Std)
            {
                if (!(s > 0))
                {
                    throw new InvalidDataException("'image_std' must hold three positive numbers.");
                }
            }

            return config;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}.", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: a value has the wrong type (numbers, true/false and objects as in Hugging Face's CLIPImageProcessor are expected).", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidDataException($"{path}: cannot be read (permission denied).", e);
        }
    }

    private static bool Bool(JsonElement root, string key, bool fallback) =>
        root.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;

    private static int Size(JsonElement root, string key, string inner, int fallback)
    {
        if (!root.TryGetProperty(key, out var v))
        {
            return fallback;
        }

        int value = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt32(),
            JsonValueKind.Object when v.TryGetProperty(inner, out var i) => i.GetInt32(),
            _ => throw new InvalidDataException($"'{key}' must be a number or an object with '{inner}'."),
        };
        if (value < 1 || value > 8192)
        {
            throw new InvalidDataException($"'{key}' is {value.ToString(CultureInfo.InvariantCulture)}; 1…8192 expected.");
        }

        return value;
    }

    private static IReadOnlyList<float> Triple(JsonElement root, string key, IReadOnlyList<float> fallback)
    {
        if (!root.TryGetProperty(key, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 3)
        {
            throw new InvalidDataException($"'{key}' must be an array of three numbers (R, G, B).");
        }

        return [v[0].GetSingle(), v[1].GetSingle(), v[2].GetSingle()];
    }
}
