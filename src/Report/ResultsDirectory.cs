using System.Text.Json;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Report;

/// <summary>
/// Reads a results directory as <c>docs/results.md</c> describes it. Nothing missing or malformed throws: each
/// problem becomes one sentence in <see cref="ResultsData.Problems"/> and the report shows what could be read.
/// </summary>
public static class ResultsDirectory
{
    /// <summary>The entries of a results directory (docs/results.md, "Layout") that a reader knows, in the order the contract lists them.</summary>
    public static IReadOnlyList<string> KnownEntries { get; } =
    [
        "results.json", "embeddings/", "captions/", "texts/", "thumbnails/", "diagrams/", "wasserstein.csv", "subspace_angles.csv",
        "similarity.csv", "projections/",
    ];

    /// <summary>
    /// Which of <see cref="KnownEntries"/> <paramref name="root"/> holds (folders end in '/'). Empty means the folder
    /// holds nothing of a results directory (the CLI refuses it); any entry makes a (partial) report worth writing.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory itself does not exist.</exception>
    public static IReadOnlyList<string> Recognise(string root)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: the results directory does not exist.");
        }

        return [.. KnownEntries.Where(e => e.EndsWith('/') ? Directory.Exists(Path.Combine(root, e.TrimEnd('/'))) : File.Exists(Path.Combine(root, e)))];
    }

    /// <summary>Reads <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory itself does not exist.</exception>
    public static ResultsData Load(string root, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: the results directory does not exist.");
        }

        var data = new ResultsData { Root = root };
        ReadResultsJson(data);
        FindLevelsAndCategories(data);
        foreach (var level in data.Levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (string category in data.Categories)
            {
                ReadEmbeddings(data, level.Name, category, level == data.Reference);
            }

            foreach (string category in data.Categories.Prepend("global"))
            {
                ReadDiagram(data, level.Name, category);
            }
        }

        foreach (string category in data.Categories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadCaptions(data, category);
            ReadThumbnails(data, category);
        }

        data.Wasserstein = ReadTable(data, "wasserstein.csv", ["category", "dim", "level_a", "level_b", "kind", "distance", "ci_low", "ci_high"]);
        data.Angles = ReadTable(data, "subspace_angles.csv", ["level", "category_a", "category_b", "k", "mean_deg"]);
        data.Similarity = ReadTable(data, "similarity.csv", ["level", "statistic", "category", "value"]);
        ProjectionFile.ReadAll(data);
        return data;
    }

    private static void ReadResultsJson(ResultsData data)
    {
        string path = Path.Combine(data.Root, "results.json");
        if (!File.Exists(path))
        {
            data.Problems.Add("results.json is missing: the spec, versions, counts, timings and cluster identity are unknown.");
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                data.Problems.Add("results.json is not a JSON object; it was ignored.");
                return;
            }

            data.Results = document.RootElement.Clone();
            string? format = data.Text("format");
            if (format is not null && format != "clipgeo.results/1")
            {
                data.Problems.Add($"results.json: format is '{format}', not clipgeo.results/1; it was read as far as its keys agree.");
            }
        }
        catch (JsonException e)
        {
            data.Problems.Add($"results.json is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split('.')[0]}.");
        }
    }

    private static void FindLevelsAndCategories(ResultsData data)
    {
        var levels = new List<string>();
        if (data.Find("spec.levels") is JsonElement l && l.ValueKind == JsonValueKind.Array)
        {
            levels.AddRange(l.EnumerateArray().Where(static x => x.ValueKind == JsonValueKind.String).Select(static x => x.GetString()!));
        }

        if (levels.Count == 0)
        {
            // Without results.json: the folders under embeddings/ or diagrams/, the unperturbed level first.
            foreach (string folder in new[] { "embeddings", "diagrams" })
            {
                string dir = Path.Combine(data.Root, folder);
                if (Directory.Exists(dir))
                {
                    levels.AddRange(Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Except(levels));
                }
            }

            levels.Sort(static (a, b) =>
            {
                var (x, y) = (PerturbationLevel.Parse(a), PerturbationLevel.Parse(b));
                int kind = string.CompareOrdinal(x.Kind, y.Kind);
                return kind != 0 ? kind : x.Value.CompareTo(y.Value);
            });
            if (levels.Count > 0)
            {
                data.Problems.Add($"The levels were taken from the folder names ({string.Join(", ", levels)}); the first, {levels[0]}, is taken as the reference level.");
            }
        }

        data.Levels.AddRange(levels.Select(PerturbationLevel.Parse));
        if (levels.Count == 0)
        {
            data.Problems.Add("No level is known: results.json has no spec.levels and there is no embeddings/ or diagrams/ folder.");
        }

        if (data.Find("globalOrder") is JsonElement g && g.ValueKind == JsonValueKind.Array)
        {
            data.Categories.AddRange(g.EnumerateArray().Where(static x => x.ValueKind == JsonValueKind.String).Select(static x => x.GetString()!));
        }

        if (data.Categories.Count == 0 && data.Reference is { } reference)
        {
            foreach (string folder in new[] { "embeddings", "diagrams" })
            {
                string dir = Path.Combine(data.Root, folder, reference.Name);
                if (Directory.Exists(dir))
                {
                    data.Categories.AddRange(Directory.GetFiles(dir, folder == "embeddings" ? "*.npy" : "*.csv")
                        .Select(Path.GetFileNameWithoutExtension).OfType<string>()
                        .Where(c => c != "global" && !data.Categories.Contains(c)).Order(StringComparer.Ordinal));
                }
            }
        }

        data.Categories.Remove("global");
        var tower = data.Find("model.hasTextTower");
        data.HasTextTower = tower is JsonElement t ? t.ValueKind == JsonValueKind.True : Directory.Exists(Path.Combine(data.Root, "texts"));
        if (data.Find("dataset.captionsPerImage") is JsonElement c && c.TryGetInt32(out int perImage))
        {
            data.CaptionsPerImage = perImage;
        }
    }

    private static void ReadEmbeddings(ResultsData data, string level, string category, bool reference)
    {
        string relative = $"embeddings/{level}/{category}.npy";
        var matrix = ReadMatrix(data, relative);
        if (matrix is not null)
        {
            data.Embeddings[(level, category)] = matrix;
        }

        if (!reference)
        {
            return;
        }

        string ids = Path.Combine(data.Root, "embeddings", level, category + ".ids.txt");
        if (File.Exists(ids))
        {
            string[] lines = File.ReadAllLines(ids);
            data.Ids[category] = lines;
            if (matrix is not null && lines.Length != matrix.Rows)
            {
                data.Problems.Add($"embeddings/{level}/{category}.ids.txt has {lines.Length} lines but {category}.npy has {matrix.Rows} rows.");
            }
        }
        else
        {
            data.Problems.Add($"embeddings/{level}/{category}.ids.txt is missing: the images' paths are unknown.");
        }
    }

    private static EmbeddingMatrix? ReadMatrix(ResultsData data, string relative)
    {
        string path = Path.Combine(data.Root, relative);
        if (!File.Exists(path))
        {
            data.Problems.Add($"{relative} is missing.");
            return null;
        }

        try
        {
            var array = NpyFile.Read(path);
            if (array.Shape.Length != 2)
            {
                data.Problems.Add($"{relative}: expected a 2-D array [n, d], found shape ({string.Join(", ", array.Shape)}).");
                return null;
            }

            var values = new float[array.Data.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)array.Data[i];
            }

            return new EmbeddingMatrix(values, array.Rows, array.Columns);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InputException)
        {
            data.Problems.Add($"{relative} could not be read: {e.Message.TrimEnd('.')}.");
            return null;
        }
    }

    private static void ReadDiagram(ResultsData data, string level, string category)
    {
        string relative = $"diagrams/{level}/{category}.csv";
        string path = Path.Combine(data.Root, relative);
        if (!File.Exists(path))
        {
            data.Problems.Add($"{relative} is missing.");
            return;
        }

        try
        {
            data.Diagrams[(level, category)] = DiagramFile.ReadAll(path);
        }
        catch (Exception e) when (e is InputException or InvalidDataException or IOException or FormatException)
        {
            data.Problems.Add($"{relative} is malformed: {e.Message.TrimEnd('.')}.");
        }
    }

    private static void ReadCaptions(ResultsData data, string category)
    {
        string path = Path.Combine(data.Root, "captions", category + ".txt");
        if (File.Exists(path))
        {
            data.Captions[category] = File.ReadAllLines(path).Select(static l => l.Split('\t')).ToArray();
        }
        else
        {
            data.Problems.Add($"captions/{category}.txt is missing: hovering shows no captions for {category}.");
        }

        if (!data.HasTextTower)
        {
            return;
        }

        var texts = ReadMatrix(data, $"texts/{category}.npy");
        if (texts is null)
        {
            return;
        }

        data.Texts[category] = texts;
        int images = data.Reference is { } r && data.Embeddings.TryGetValue((r.Name, category), out var e) ? e.Rows : 0;
        if (data.CaptionsPerImage == 0 && images > 0 && texts.Rows % images == 0)
        {
            data.CaptionsPerImage = texts.Rows / images;
        }
        else if (images > 0 && data.CaptionsPerImage > 0 && texts.Rows != images * data.CaptionsPerImage)
        {
            data.Problems.Add($"texts/{category}.npy has {texts.Rows} rows, not {images} images × {data.CaptionsPerImage} captions; its captions are not drawn.");
            data.Texts.Remove(category);
        }
    }

    private static void ReadThumbnails(ResultsData data, string category)
    {
        int rows = data.Ids.TryGetValue(category, out var ids) ? ids.Length
            : data.Reference is { } r && data.Embeddings.TryGetValue((r.Name, category), out var e) ? e.Rows : 0;
        var thumbnails = new byte[]?[rows];
        int missing = 0;
        string dir = Path.Combine(data.Root, "thumbnails", category);
        for (int row = 0; row < rows; row++)
        {
            string path = Path.Combine(dir, row.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".jpg");
            if (File.Exists(path))
            {
                thumbnails[row] = File.ReadAllBytes(path);
            }
            else
            {
                missing++;
            }
        }

        data.Thumbnails[category] = thumbnails;
        if (missing > 0)
        {
            data.Problems.Add(missing == rows
                ? $"thumbnails/{category}/ is missing: hovering shows no pictures for {category}."
                : $"thumbnails/{category}/: {missing} of {rows} thumbnails are missing.");
        }
    }

    private static CsvTable? ReadTable(ResultsData data, string name, IReadOnlyList<string> columns)
    {
        string path = Path.Combine(data.Root, name);
        if (!File.Exists(path))
        {
            data.Problems.Add($"{name} is missing.");
            return null;
        }

        return CsvTable.Read(path, name, columns, data.Problems);
    }
}
