using System.Security.Cryptography;
using System.Text.Json;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Sweep;

/// <summary>What results.json records of the model (and the pipeline around it).</summary>
public sealed record ModelInfo
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The model argument.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The layout detected.</summary>
    public string Layout { get; init; } = string.Empty;

    /// <summary>The files that determine the numbers, with their SHA-256.</summary>
    public IReadOnlyList<ModelFileHash> Files { get; init; } = [];

    /// <summary>Whether the model has a text tower.</summary>
    public bool HasTextTower { get; init; }

    /// <summary>The embedding dimension.</summary>
    public int Dimension { get; init; }

    /// <summary>The preprocessed input's side in pixels.</summary>
    public int InputSize { get; init; }

    /// <summary>The execution provider (<c>cpu</c> or <c>cuda</c>).</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>The preprocessing configuration, as text.</summary>
    public string Preprocessing { get; init; } = string.Empty;

    /// <summary>Describes the model <paramref name="encoder"/> has opened.</summary>
    public static ModelInfo Of(string model, ImageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var files = encoder.HashedFiles.Select(static f =>
        {
            using var stream = File.OpenRead(f);
            return new ModelFileHash(f, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }).ToList();
        return new ModelInfo
        {
            Name = model,
            Layout = encoder.Layout.ToString(),
            Files = files,
            HasTextTower = encoder.Files.TextPath is not null || encoder.Layout == ModelLayout.Combined,
            Dimension = encoder.Dimension,
            InputSize = encoder.Preprocessor.Height,
            ExecutionProvider = encoder.ExecutionProvider.ToLowerInvariant(),
            Preprocessing = JsonSerializer.Serialize(encoder.Preprocessor.Config, JsonOptions),
        };
    }

    /// <summary>As JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>From JSON written by <see cref="ToJson"/>.</summary>
    public static ModelInfo FromJson(string json) => JsonSerializer.Deserialize<ModelInfo>(json, JsonOptions) ?? throw new InvalidDataException("The model JSON is null.");
}
