using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Report;

/// <summary>What a results directory holds, as far as it could be read, and what was missing or malformed.</summary>
public sealed class ResultsData
{
    /// <summary>The results directory.</summary>
    public required string Root { get; init; }

    /// <summary>One sentence per missing or malformed file (or row), naming it and saying why.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The parsed <c>results.json</c>, or null when absent or malformed.</summary>
    public JsonElement? Results { get; set; }

    /// <summary>The levels in spec order; the first is the reference level.</summary>
    public List<PerturbationLevel> Levels { get; } = [];

    /// <summary>The categories in <c>globalOrder</c> (without <c>global</c>).</summary>
    public List<string> Categories { get; } = [];

    /// <summary>Image embeddings per (level, category).</summary>
    public Dictionary<(string Level, string Category), EmbeddingMatrix> Embeddings { get; } = [];

    /// <summary>Image paths per category (from the reference level's <c>.ids.txt</c>).</summary>
    public Dictionary<string, string[]> Ids { get; } = [];

    /// <summary>Captions per category and row.</summary>
    public Dictionary<string, string[][]> Captions { get; } = [];

    /// <summary>Caption embeddings per category (rows c·i … c·i + c − 1 belong to image row i).</summary>
    public Dictionary<string, EmbeddingMatrix> Texts { get; } = [];

    /// <summary>Captions per image in <c>texts/</c> (from results.json, else inferred).</summary>
    public int CaptionsPerImage { get; set; }

    /// <summary>Whether the model has a text tower (results.json, else whether <c>texts/</c> exists).</summary>
    public bool HasTextTower { get; set; }

    /// <summary>Thumbnail JPEG bytes per category and row (null where absent).</summary>
    public Dictionary<string, byte[]?[]> Thumbnails { get; } = [];

    /// <summary>Persistence diagrams per (level, category), all dimensions; <c>global</c> included.</summary>
    public Dictionary<(string Level, string Category), IReadOnlyList<PersistenceDiagram>> Diagrams { get; } = [];

    /// <summary><c>wasserstein.csv</c>, or null.</summary>
    public CsvTable? Wasserstein { get; set; }

    /// <summary><c>subspace_angles.csv</c>, or null.</summary>
    public CsvTable? Angles { get; set; }

    /// <summary><c>similarity.csv</c>, or null.</summary>
    public CsvTable? Similarity { get; set; }

    /// <summary>UMAP's projected points per level (read from <c>projections/</c> or computed): <c>ProjectionsOf("umap")</c>.</summary>
    public Dictionary<string, List<ProjectionPoint>> Projections => ProjectionsOf("umap");

    /// <summary>How UMAP's projections were obtained (a sentence for the figure's caption).</summary>
    public string ProjectionSource
    {
        get => ProjectionSources.GetValueOrDefault("umap", "");
        set => ProjectionSources["umap"] = value;
    }

    /// <summary>Projected points per method (<c>umap</c>, <c>tsne</c>) and level.</summary>
    public Dictionary<string, Dictionary<string, List<ProjectionPoint>>> ProjectionsByMethod { get; } = [];

    /// <summary>How each method's projections were obtained (a sentence for the figure's caption).</summary>
    public Dictionary<string, string> ProjectionSources { get; } = [];

    /// <summary>The maps the report draws, one per method, in this order (default: UMAP only).</summary>
    public List<string> MapMethods { get; } = ["umap"];

    /// <summary>The points per level of <paramref name="method"/> (an empty dictionary, kept, when there are none yet).</summary>
    public Dictionary<string, List<ProjectionPoint>> ProjectionsOf(string method)
    {
        if (!ProjectionsByMethod.TryGetValue(method, out var levels))
        {
            levels = [];
            ProjectionsByMethod[method] = levels;
        }

        return levels;
    }

    /// <summary>The reference level, or null when no level is known.</summary>
    public PerturbationLevel? Reference => Levels.Count > 0 ? Levels[0] : null;

    /// <summary>A string at <paramref name="path"/> (dot-separated keys) in results.json, or null.</summary>
    public JsonElement? Find(string path)
    {
        if (Results is not JsonElement e)
        {
            return null;
        }

        foreach (string key in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(key, out e))
            {
                return null;
            }
        }

        return e;
    }

    /// <summary>The value at <paramref name="path"/> as display text, or null.</summary>
    public string? Text(string path) => Find(path) is JsonElement e
        ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => e.GetRawText(),
        }
        : null;
}
