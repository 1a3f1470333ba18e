using System.CommandLine;
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
                outDir = OutputTarget.Folder("--out", outDir, SimilarityTables.FileNames, inputs);
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
            var analysis = SimilarityAnalysis.Compute(
                a.Values, a.Rows, a.Columns, b is null ? [] : b.Values, b?.Rows ?? 0, labelOf, names, bootstrap, parse.GetValue(seed), cancellationToken);
            SimilarityTables.WriteSummary(context.Out, analysis);
            foreach (string note in analysis.Notes)
            {
                context.Error.WriteLine($"clipgeo: note: {note}");
            }

            if (outDir is not null)
            {
                SimilarityTables.WriteFolder(outDir, analysis);
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
}
