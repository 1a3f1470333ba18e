using System.Globalization;
using System.Text;
using ClipGeometry.Geometry.Similarity;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Writes a <see cref="SimilarityAnalysis"/>: the summary as "name: value" lines, and a folder of its matrices
/// (<c>image_image.npy</c>, <c>image_text.npy</c>, <c>text_text.npy</c>, float32) and tables (<c>summary.csv</c>,
/// <c>category_pairs.csv</c>, <c>similarity_histogram.csv</c>). Numbers are culture-invariant, round-trip precision.
/// </summary>
public static class SimilarityTables
{
    /// <summary>The files <see cref="WriteFolder"/> may write.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["image_image.npy", "image_text.npy", "text_text.npy", "summary.csv", "category_pairs.csv", "similarity_histogram.csv"];

    /// <summary>Writes one "name: value" line per statistic (with "[95% lower, upper]" when bootstrapped).</summary>
    public static void WriteSummary(TextWriter output, SimilarityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(analysis);
        foreach (var s in analysis.Statistics)
        {
            string interval = s.Lower is double l && s.Upper is double u ? $" [95% {DiagramFile.Format(l)}, {DiagramFile.Format(u)}]" : string.Empty;
            output.WriteLine($"{s.Name}: {DiagramFile.Format(s.Value)}{interval}");
        }
    }

    /// <summary>The summary as CSV: <c>metric,value,lower95,upper95</c>.</summary>
    public static string SummaryCsv(SimilarityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var csv = new StringBuilder("metric,value,lower95,upper95\n");
        foreach (var s in analysis.Statistics)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Csv(s.Name)},{DiagramFile.Format(s.Value)},{(s.Lower is double lo ? DiagramFile.Format(lo) : string.Empty)},{(s.Upper is double up ? DiagramFile.Format(up) : string.Empty)}\n");
        }

        return csv.ToString();
    }

    /// <summary>Writes the matrices and tables into the existing folder <paramref name="folder"/>.</summary>
    public static void WriteFolder(string folder, SimilarityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        int n = analysis.Images, m = analysis.Texts;
        WriteMatrix(Path.Combine(folder, "image_image.npy"), analysis.ImageImage, n, n);
        if (analysis.ImageText is not null)
        {
            WriteMatrix(Path.Combine(folder, "image_text.npy"), analysis.ImageText, n, m);
            WriteMatrix(Path.Combine(folder, "text_text.npy"), analysis.TextText!, m, m);
        }

        File.WriteAllText(Path.Combine(folder, "summary.csv"), SummaryCsv(analysis));
        if (analysis.ImageCategories is not null)
        {
            WriteCategoryTables(folder, analysis.CategoryNames!, ("image", analysis.ImageCategories), ("text", analysis.TextCategories));
        }
    }

    private static void WriteMatrix(string path, double[] values, int rows, int columns)
    {
        var single = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            single[i] = (float)values[i];
        }

        NpyFile.WriteSingle(path, single, rows, columns);
    }

    private static void WriteCategoryTables(string folder, IReadOnlyList<string> names, params (string Modality, CategorySimilarity? Stats)[] sets)
    {
        var pairs = new StringBuilder("modality,category_a,category_b,mean_cosine\n");
        var histogram = new StringBuilder("modality,lower,upper,intra_count,inter_count\n");
        const int Bins = SimilarityHistogram.StandardBins;
        foreach (var (modality, stats) in sets)
        {
            if (stats is null)
            {
                continue;
            }

            int k = stats.Categories;
            for (int x = 0; x < k; x++)
            {
                for (int y = x; y < k; y++)
                {
                    pairs.Append(CultureInfo.InvariantCulture, $"{modality},{Csv(names[x])},{Csv(names[y])},{DiagramFile.Format(stats.PairMeans[(x * k) + y])}\n");
                }
            }

            var intra = SimilarityHistogram.Count(stats.IntraValues, Bins);
            var inter = SimilarityHistogram.Count(stats.InterValues, Bins);
            for (int bin = 0; bin < Bins; bin++)
            {
                histogram.Append(CultureInfo.InvariantCulture,
                    $"{modality},{DiagramFile.Format(SimilarityHistogram.Lower(bin, Bins))},{DiagramFile.Format(SimilarityHistogram.Upper(bin, Bins))},{intra[bin]},{inter[bin]}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "category_pairs.csv"), pairs.ToString());
        File.WriteAllText(Path.Combine(folder, "similarity_histogram.csv"), histogram.ToString());
    }

    private static string Csv(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
