using System.Text.Json;

namespace ClipGeometry.Sweep;

/// <summary>What embedding a shard produced: per image, references to its stored vectors, or the reason it was skipped.</summary>
/// <param name="Category">The shard's category.</param>
/// <param name="Shard">The shard's index.</param>
/// <param name="Items">The shard's images in plan order.</param>
/// <param name="Computed">Vectors computed by the model.</param>
/// <param name="Reused">Vectors found in the store.</param>
public sealed record ShardEmbedding(string Category, int Shard, IReadOnlyList<ShardItem> Items, int Computed, int Reused)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>As JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>From JSON written by <see cref="ToJson"/>.</summary>
    public static ShardEmbedding FromJson(string json) =>
        JsonSerializer.Deserialize<ShardEmbedding>(json, JsonOptions) ?? throw new InvalidDataException("The shard JSON is null.");
}
