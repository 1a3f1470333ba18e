using System.CommandLine;
using System.Globalization;
using System.Text;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Geometry.Similarity;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo similarity A.npy [B.npy]</c>: cosine similarity statistics of image embeddings A and, optionally,
/// text embeddings B (one caption per image, or c consecutive captions per image), with category statistics when
/// labels are given. Prints a summary; <c>--out</c> writes the matrices (.npy, float32) and CSV tables.
/// </summary>
internal static class SimilarityCommand
{
    private static readonly string[] WrittenFiles =
        ["image_image.npy", "image_text.npy", "text_text.npy", "summary.csv", "category_pairs.csv", "similarity_histogram.csv"];

    public static Command Create(CliContext context)
    {
        var images = new Argument<string>("A") { Description = "Image embeddings, n × d (.npy or CSV)." };
        var texts = new Argument<string?>("B") { Description = "Text embeddings, m × d, m = c·n with the c captions of image i in rows c·i … c·i + c − 1.", Arity = ArgumentArity.ZeroOrOne };
        var labels = new Option<string?>("--labels") { Description = "Category of each image, one label per line (n lines)." };
        var output = new Option<string?>("--out") { Description = "Directory for the similarity matrices (.npy) and CSV tables." };
        var replicates = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap replicates for the intra − inter separation, categories resampled to equal size (0: none).",
            DefaultValueFactory = _ => 200,
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap." };
        var command = new Command("similarity", "Cosine similarity statistics: intra/inter category means, recall@1/5/10, modality gap, effective dimensionality.")
        {
            images, texts, labels, output, replicates, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            int bootstrap = parse.GetValue(replicates);
            if (bootstrap is < 0 or 1)
            {
                throw new UsageException($"--bootstrap {bootstrap} must be 0 (none) or at least 2.");
            }

            string imagePath = parse.GetValue(images)!;
            string? textPath = parse.GetValue(texts);
            string? labelPath = parse.GetValue(labels);
            string? outDir = parse.GetValue(output);
            if (outDir is not null)
            {
                string[] inputs = [imagePath, .. textPath is null ? Array.Empty<string>() : [textPath], .. labelPath is null ? Array.Empty<string>() : [labelPath]];
                outDir = OutputTarget.Folder("--out", outDir, WrittenFiles, inputs);
            }

            var a = MatrixFile.Read(imagePath);
            CheckNonZeroRows(a);
            MatrixData? b = null;
            if (textPath is not null)
            {
                b = MatrixFile.Read(textPath);
                if (b.Columns != a.Columns)
                {
                    throw new InputException(textPath, 0, $"its embeddings have {b.Columns} dimensions but those of {imagePath} have {a.Columns}.");
                }

                CheckNonZeroRows(b);
            }

            var (labelOf, names) = labelPath is null ? (null, null) : ReadLabels(labelPath, a.Rows);
            var report = new Report(context.Out);
            int n = a.Rows;
            int d = a.Columns;
            report.Add("images", n);
            report.Add("dimension", d);
            var na = CosineSimilarity.Normalize(a.Values, n, d);
            var imageImage = CosineSimilarity.MatrixOfNormalized(na, n, na, n, d);
            report.Add("image-image mean cosine (i<j)", OffDiagonalMean(imageImage, n));
            report.Add("image effective dimensionality (participation ratio)", n >= 2 ? EffectiveDimensionality.ParticipationRatio(a.Values, n, d) : double.NaN);
            CategorySimilarity? imageStats = null;
            CategorySimilarity? textStats = null;
            if (labelOf is not null)
            {
                imageStats = CategorySimilarity.Compute(imageImage, labelOf);
                report.Add("image intra-category mean cosine", imageStats.IntraMean);
                report.Add("image inter-category mean cosine", imageStats.InterMean);
                for (int c = 0; c < names!.Count; c++)
                {
                    report.Add($"image intra mean [{names[c]}]", imageStats.IntraMeans[c]);
                }

                if (bootstrap >= 2)
                {
                    var members = Members(labelOf, names.Count);
                    if (members.Any(static m => m.Length < 2))
                    {
                        context.Error.WriteLine("clipgeo: note: no bootstrap, a category has fewer than two images.");
                    }
                    else if (names.Count < 2)
                    {
                        context.Error.WriteLine("clipgeo: note: no bootstrap, the labels name one category only.");
                    }
                    else
                    {
                        var estimate = CategoryBootstrap.Run(
                            members, sample => CategorySimilarity.Separation(imageImage, n, labelOf, sample), bootstrap, parse.GetValue(seed),
                            cancellationToken: cancellationToken);
                        report.Add($"image intra − inter (bootstrap, {estimate.SampleSize} per category, {estimate.Replicates} replicates, seed {estimate.Seed})", estimate.Mean, estimate.Lower, estimate.Upper);
                    }
                }
            }

            double[]? imageText = null;
            double[]? textText = null;
            int m = 0;
            if (b is not null)
            {
                m = b.Rows;
                var nb = CosineSimilarity.Normalize(b.Values, m, d);
                imageText = CosineSimilarity.MatrixOfNormalized(na, n, nb, m, d);
                textText = CosineSimilarity.MatrixOfNormalized(nb, m, nb, m, d);
                report.Add("texts", m);
                report.Add("text-text mean cosine (i<j)", OffDiagonalMean(textText, m));
                report.Add("image-text mean cosine", Mean(imageText));
                report.Add("modality gap ‖mean image − mean text‖ (normalised)", ModalityGap.Compute(a.Values, n, b.Values, m, d));
                report.Add("text effective dimensionality (participation ratio)", m >= 2 ? EffectiveDimensionality.ParticipationRatio(b.Values, m, d) : double.NaN);
                if (m % n == 0)
                {
                    int perImage = m / n;
                    var imageOfText = new int[m];
                    for (int t = 0; t < m; t++)
                    {
                        imageOfText[t] = t / perImage;
                    }

                    double matched = 0;
                    for (int t = 0; t < m; t++)
                    {
                        matched += imageText[(imageOfText[t] * m) + t] / m;
                    }

                    report.Add("image-text mean cosine of matching pairs", matched);
                    var recall = RetrievalRecall.Compute(imageText, n, imageOfText);
                    for (int k = 0; k < recall.Ks.Count; k++)
                    {
                        report.Add($"recall@{recall.Ks[k]} image→text", recall.ImageToText[k]);
                    }

                    for (int k = 0; k < recall.Ks.Count; k++)
                    {
                        report.Add($"recall@{recall.Ks[k]} text→image", recall.TextToImage[k]);
                    }

                    if (labelOf is not null)
                    {
                        var textLabels = new int[m];
                        for (int t = 0; t < m; t++)
                        {
                            textLabels[t] = labelOf[imageOfText[t]];
                        }

                        textStats = CategorySimilarity.Compute(textText, textLabels);
                        report.Add("text intra-category mean cosine", textStats.IntraMean);
                        report.Add("text inter-category mean cosine", textStats.InterMean);
                    }
                }
                else
                {
                    context.Error.WriteLine($"clipgeo: note: {m} texts is not a multiple of {n} images; no caption pairing, so no recall@K.");
                }
            }

            if (outDir is not null)
            {
                WriteMatrix(Path.Combine(outDir, "image_image.npy"), imageImage, n, n);
                if (imageText is not null)
                {
                    WriteMatrix(Path.Combine(outDir, "image_text.npy"), imageText, n, m);
                    WriteMatrix(Path.Combine(outDir, "text_text.npy"), textText!, m, m);
                }

                File.WriteAllText(Path.Combine(outDir, "summary.csv"), report.Csv());
                if (imageStats is not null)
                {
                    WriteCategoryTables(outDir, names!, ("image", imageStats), ("text", textStats));
                }

                context.Error.WriteLine($"clipgeo: wrote the matrices and tables to {outDir}.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void CheckNonZeroRows(MatrixData data)
    {
        for (int i = 0; i < data.Rows; i++)
        {
            bool zero = true;
            for (int j = 0; j < data.Columns && zero; j++)
            {
                zero = data[i, j] == 0;
            }

            if (zero)
            {
                throw new InputException(data.Source, 0, $"row {i + 1} is the zero vector; its cosine similarity is undefined.");
            }
        }
    }

    private static (int[] Labels, List<string> Names) ReadLabels(string path, int count)
    {
        InputFile.Require(path);

        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<int>();
        int line = 0;
        foreach (string raw in File.ReadLines(path))
        {
            line++;
            string label = raw.Trim();
            if (label.Length == 0 || label.StartsWith('#'))
            {
                continue;
            }

            if (!index.TryGetValue(label, out int id))
            {
                id = names.Count;
                names.Add(label);
                index.Add(label, id);
            }

            labels.Add(id);
            if (labels.Count > count)
            {
                throw new InputException(path, line, $"more labels than the {count} images.");
            }
        }

        if (labels.Count != count)
        {
            throw new InputException(path, 0, $"{labels.Count} labels for {count} images; give one label per image, one per line.");
        }

        return ([.. labels], names);
    }

    private static int[][] Members(int[] labels, int categories)
    {
        var lists = new List<int>[categories];
        for (int c = 0; c < categories; c++)
        {
            lists[c] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            lists[labels[i]].Add(i);
        }

        return [.. lists.Select(static l => l.ToArray())];
    }

    private static double OffDiagonalMean(double[] square, int n)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                sum += square[(i * n) + j];
            }
        }

        return sum / ((double)n * (n - 1) / 2);
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
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

    private static void WriteCategoryTables(string outDir, List<string> names, params (string Modality, CategorySimilarity? Stats)[] sets)
    {
        var pairs = new StringBuilder("modality,category_a,category_b,mean_cosine\n");
        var histogram = new StringBuilder("modality,lower,upper,intra_count,inter_count\n");
        const int Bins = 200;
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

            var intra = Histogram(stats.IntraValues, Bins);
            var inter = Histogram(stats.InterValues, Bins);
            for (int bin = 0; bin < Bins; bin++)
            {
                double lower = -1 + (2.0 * bin / Bins);
                double upper = -1 + (2.0 * (bin + 1) / Bins);
                histogram.Append(CultureInfo.InvariantCulture, $"{modality},{DiagramFile.Format(lower)},{DiagramFile.Format(upper)},{intra[bin]},{inter[bin]}\n");
            }
        }

        File.WriteAllText(Path.Combine(outDir, "category_pairs.csv"), pairs.ToString());
        File.WriteAllText(Path.Combine(outDir, "similarity_histogram.csv"), histogram.ToString());
    }

    private static long[] Histogram(IReadOnlyList<double> values, int bins)
    {
        var counts = new long[bins];
        foreach (double v in values)
        {
            int bin = (int)Math.Floor((v + 1) / 2 * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return counts;
    }

    private static string Csv(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>The summary: printed as "name: value" lines and kept for summary.csv.</summary>
    private sealed class Report(TextWriter output)
    {
        private readonly StringBuilder _csv = new("metric,value,lower95,upper95\n");

        public void Add(string name, double value, double? lower = null, double? upper = null)
        {
            string interval = lower is double l && upper is double u ? $" [95% {DiagramFile.Format(l)}, {DiagramFile.Format(u)}]" : string.Empty;
            output.WriteLine($"{name}: {DiagramFile.Format(value)}{interval}");
            _csv.Append(CultureInfo.InvariantCulture, $"{Csv(name)},{DiagramFile.Format(value)},{(lower is double lo ? DiagramFile.Format(lo) : string.Empty)},{(upper is double up ? DiagramFile.Format(up) : string.Empty)}\n");
        }

        public string Csv() => _csv.ToString();

        private static string Csv(string text) => text.Contains(',', StringComparison.Ordinal) ? $"\"{text}\"" : text;
    }
}
