using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Sweep;

/// <summary>
/// What a sweep computes: the dataset, the model, the perturbation levels, the categories and every option of the
/// metrics. Serialisable to JSON (the coordinator persists it, results.json records it); <see cref="Validate"/>
/// refuses a bad spec before any work in one sentence naming the option.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>The default perturbation levels: Gaussian blur σ = 0…5 pixels.</summary>
    public const string DefaultPerturbations = "blur:0,1,2,3,4,5";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The dataset folder or captions file (see DatasetLoader).</summary>
    public string Dataset { get; init; } = string.Empty;

    /// <summary>A model directory, an .onnx file, or <c>resnet18</c>.</summary>
    public string Model { get; init; } = ModelFiles.ResNet18Name;

    /// <summary>The perturbation levels in PerturbationParser's syntax; the first is the reference level.</summary>
    public string Perturbations { get; init; } = DefaultPerturbations;

    /// <summary>The zero-shot choice of <see cref="Categories"/>; <c>zero-shot:RULES.json</c> takes that file's prompts.</summary>
    public const string ZeroShot = "zero-shot";

    /// <summary>
    /// <c>captions</c> (the default caption rules), a rules JSON file, <c>zero-shot</c> (each image to the nearest of the
    /// default rules' prompts under the model's text tower) or <c>zero-shot:RULES.json</c> (that file's prompts or template).
    /// </summary>
    public string Categories { get; init; } = "captions";

    /// <summary>The most images sampled per category; null for all.</summary>
    public int? PerCategory { get; init; }

    /// <summary>Images per category shard (the unit of embedding work).</summary>
    public int ShardSize { get; init; } = 32;

    /// <summary>Homology dimensions reported.</summary>
    public IReadOnlyList<int> Dims { get; init; } = [0, 1];

    /// <summary>The distance between L2-normalised embeddings: <c>euclidean</c>, <c>cosine</c> or <c>angular</c>.</summary>
    public string Metric { get; init; } = "euclidean";

    /// <summary>Above this many points, persistence runs on a greedy subsample of this size (cover radius recorded).</summary>
    public int MaxPoints { get; init; } = 2000;

    /// <summary>Top principal directions per category for the second set of subspace angles.</summary>
    public int AngleK { get; init; } = 10;

    /// <summary>Bootstrap replicates B (0: no bootstrap; intervals then equal the point value).</summary>
    public int Bootstrap { get; init; } = 100;

    /// <summary>Draws of the null baselines (random halves; permuted labels).</summary>
    public int NullDraws { get; init; } = 10;

    /// <summary>The seed of every random choice (sampling, bootstrap, baselines, noise).</summary>
    public int Seed { get; init; }

    /// <summary>Whether categories come from the model (nearest prompt) rather than from captions.</summary>
    [JsonIgnore]
    public bool IsZeroShot => Categories == ZeroShot || Categories.StartsWith(ZeroShot + ":", StringComparison.Ordinal);

    /// <summary>The rules file named by <see cref="Categories"/>, or null for the default rules.</summary>
    [JsonIgnore]
    public string? RulesFile => Categories switch
    {
        "captions" or ZeroShot => null,
        _ when Categories.StartsWith(ZeroShot + ":", StringComparison.Ordinal) => Categories[(ZeroShot.Length + 1)..],
        _ => Categories,
    };

    /// <summary>How categories are assigned, as results.json records it: <c>captions</c>, <c>zero-shot</c> or <c>rules file</c>.</summary>
    [JsonIgnore]
    public string CategorySource => IsZeroShot ? ZeroShot : RulesFile is null ? "captions" : "rules file";

    /// <summary>The levels named and parsed.</summary>
    [JsonIgnore]
    public IReadOnlyList<SweepLevel> Levels => SweepLevel.Parse(Perturbations, Seed);

    /// <summary>The largest homology dimension computed.</summary>
    [JsonIgnore]
    public int MaxDimension => Dims.Count == 0 ? 0 : Dims.Max();

    /// <summary>The metric as the persistence library's enum.</summary>
    [JsonIgnore]
    public DistanceMetric DistanceMetric => Metric switch
    {
        "cosine" => DistanceMetric.Cosine,
        "angular" => DistanceMetric.Angular,
        _ => DistanceMetric.Euclidean,
    };

    /// <summary>The spec as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a spec written by <see cref="ToJson"/>.</summary>
    public static SweepSpec FromJson(string json) =>
        JsonSerializer.Deserialize<SweepSpec>(json, JsonOptions) ?? throw new InvalidDataException("The sweep spec JSON is null.");

    /// <summary>Checks every option that needs no file; throws <see cref="SweepSpecException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset))
        {
            throw new SweepSpecException("--dataset is required: give a dataset folder or captions file.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new SweepSpecException("--model is required: give a model folder, an .onnx file or resnet18.");
        }

        IReadOnlyList<SweepLevel> levels;
        try
        {
            levels = Levels;
        }
        catch (FormatException e)
        {
            throw new SweepSpecException($"--perturbation {e.Message}", e);
        }

        if (levels.Count == 0)
        {
            throw new SweepSpecException("--perturbation names no level.");
        }

        var duplicate = levels.GroupBy(static l => l.Name, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SweepSpecException($"--perturbation names the level {duplicate.Key} twice.");
        }

        if (string.IsNullOrWhiteSpace(Categories) || (RulesFile is { } file && string.IsNullOrWhiteSpace(file)))
        {
            throw new SweepSpecException($"--categories must be captions, zero-shot, zero-shot:RULES.json or a rules JSON file, not '{Categories}'.");
        }

        if (IsZeroShot && string.Equals(Model, ModelFiles.ResNet18Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new SweepSpecException($"--categories {Categories} needs a CLIP model with a text tower, and --model {Model} has none: give a CLIP export or use --categories captions.");
        }

        Check(PerCategory is null or >= 1, $"--per-category must be at least 1, not {PerCategory}.");
        Check(ShardSize is >= 1 and <= 100_000, $"--shard-size must be from 1 to 100000, not {ShardSize}.");
        Check(Dims.Count > 0 && Dims.All(static d => d is >= 0 and <= 5), $"--dims must list homology dimensions from 0 to 5, not '{string.Join(',', Dims)}'.");
        Check(Dims.Distinct().Count() == Dims.Count, $"--dims lists a dimension twice: '{string.Join(',', Dims)}'.");
        Check(Metric is "euclidean" or "cosine" or "angular", $"--metric must be euclidean, cosine or angular, not '{Metric}'.");
        Check(MaxPoints is >= 2 and <= 1_000_000, $"--max-points must be from 2 to 1000000, not {MaxPoints}.");
        Check(AngleK is >= 1 and <= 100_000, $"--angle-k must be from 1 to 100000, not {AngleK}.");
        Check(Bootstrap is >= 0 and <= 100_000, $"--bootstrap must be from 0 to 100000, not {Bootstrap}.");
        Check(NullDraws is >= 1 and <= 100_000, $"the number of null draws must be from 1 to 100000, not {NullDraws}.");
    }

    /// <summary>Checks the files the spec names (dataset, rules, model) exist; throws <see cref="SweepSpecException"/> with <see cref="SweepSpecException.MissingFile"/> set.</summary>
    public void CheckFiles()
    {
        if (!Directory.Exists(Dataset) && !File.Exists(Dataset))
        {
            throw new SweepSpecException($"--dataset {Dataset}: no such dataset folder or file.", missingFile: true);
        }

        if (RulesFile is { } rulesFile)
        {
            if (Directory.Exists(rulesFile))
            {
                throw new SweepSpecException($"--categories {Categories}: {rulesFile} is a folder, not a rules JSON file.");
            }

            if (!File.Exists(rulesFile))
            {
                throw new SweepSpecException($"--categories {Categories}: no such rules file (or use captions or zero-shot).", missingFile: true);
            }

            LoadRules();
        }

        try
        {
            _ = ModelFiles.Resolve(Model);
        }
        catch (FileNotFoundException e)
        {
            throw new SweepSpecException($"--model {e.Message}", missingFile: true);
        }
    }

    /// <summary>The caption rules the spec names.</summary>
    public CategoryRules LoadRules()
    {
        if (RulesFile is not { } file)
        {
            return CategoryRules.Default;
        }

        try
        {
            var rules = CategoryRules.Load(file);
            string? problem = rules.Validate();
            return problem is null ? rules : throw new SweepSpecException($"--categories {Categories}: {problem}.", missingFile: true);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or FormatException or ArgumentException)
        {
            // The rules file exists (CheckFiles) but cannot be used: a failure, not a usage error.
            throw new SweepSpecException($"--categories {Categories}: {e.Message}", unusableFile: true, e);
        }
    }

    /// <summary>The spec's options in the form results.json records them.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Perturbations} on {Dataset} with {Model}, dims {string.Join(',', Dims)}, {Metric}, max-points {MaxPoints}, bootstrap {Bootstrap}, seed {Seed}");

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new SweepSpecException(message);
        }
    }
}
