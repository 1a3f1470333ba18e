using System.Globalization;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class SimilarityCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (string Images, string Texts, string Labels) Write(int n, int captions)
    {
        // Two categories near e1 and e2; each caption is its image plus a little noise.
        var random = new Random(17);
        int d = 8;
        var images = new double[n * d];
        var texts = new double[n * captions * d];
        var labels = new List<string>();
        for (int i = 0; i < n; i++)
        {
            int category = i % 2;
            labels.Add(category == 0 ? "animal" : "vehicle");
            for (int j = 0; j < d; j++)
            {
                images[(i * d) + j] = (j == category ? 3 : 0) + random.NextDouble();
            }

            for (int c = 0; c < captions; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    texts[(((i * captions) + c) * d) + j] = images[(i * d) + j] + (0.05 * random.NextDouble()) + (j == 7 ? 1 : 0);
                }
            }
        }

        string a = Path.Combine(_files.Folder, "images.npy");
        string b = Path.Combine(_files.Folder, "texts.npy");
        NpyFile.WriteDouble(a, images, n, d);
        NpyFile.WriteDouble(b, texts, n * captions, d);
        return (a, b, _files.Write("labels.txt", string.Join('\n', labels) + "\n"));
    }

    private static double Value(string output, string name)
    {
        string line = output.Split('\n').First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        string text = line[(name.Length + 1)..].Trim().Split(' ')[0];
        return double.Parse(text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Prints_the_summary_and_writes_matrices_and_tables()
    {
        var (a, b, labels) = Write(20, 2);
        string outDir = Path.Combine(_files.Folder, "out");
        var (exit, output, error) = CliRun.Invoke("similarity", a, b, "--labels", labels, "--out", outDir, "--bootstrap", "50", "--seed", "3");
        Assert.True(exit == 0, error);
        Assert.Equal(20, Value(output, "images"));
        Assert.True(Value(output, "image intra-category mean cosine") > Value(output, "image inter-category mean cosine"));
        Assert.Equal(1.0, Value(output, "recall@10 image→text (ties counted against)"));
        Assert.InRange(Value(output, "modality gap ‖mean image − mean text‖ (normalised)"), 0.01, 1);
        Assert.Contains("bootstrap", output, StringComparison.Ordinal);
        var matrix = NpyFile.Read(Path.Combine(outDir, "image_text.npy"));
        Assert.Equal([20, 40], matrix.Shape);
        Assert.True(File.Exists(Path.Combine(outDir, "text_text.npy")));
        Assert.StartsWith("metric,value", File.ReadAllText(Path.Combine(outDir, "summary.csv")), StringComparison.Ordinal);
        Assert.Contains("image,animal,vehicle", File.ReadAllText(Path.Combine(outDir, "category_pairs.csv")), StringComparison.Ordinal);

        // The same seed gives the same interval.
        var again = CliRun.Invoke("similarity", a, b, "--labels", labels, "--bootstrap", "50", "--seed", "3");
        Assert.Equal(output.Split('\n').First(l => l.Contains("bootstrap", StringComparison.Ordinal)), again.Out.Split('\n').First(l => l.Contains("bootstrap", StringComparison.Ordinal)));
    }

    [Fact]
    public void Duplicate_captions_do_not_inflate_recall_and_the_output_says_how_ties_count()
    {
        // Images 0 and 1 have the same caption vector: each one's caption ties with the other's. Image 2 is apart.
        string a = _files.Write("dup-images.csv", "1,0.1\n0.1,1\n-1,0.2\n");
        string b = _files.Write("dup-texts.csv", "1,1\n1,1\n-1,0.2\n");
        var (exit, output, error) = CliRun.Invoke("similarity", a, b);
        Assert.True(exit == 0, error);
        Assert.Equal(1.0 / 3, Value(output, "recall@1 image→text (ties counted against)"));
        Assert.Equal(1.0, Value(output, "recall@1 image→text (ties in favour)"));
        Assert.Equal(1.0 / 3, Value(output, "recall@1 text→image (ties counted against)"));
        Assert.Equal(1.0, Value(output, "recall@1 text→image (ties in favour)"));
    }

    [Fact]
    public void Images_alone_are_enough()
    {
        var (a, _, _) = Write(6, 1);
        var (exit, output, _) = CliRun.Invoke("similarity", a);
        Assert.Equal(0, exit);
        Assert.Contains("image effective dimensionality", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_label_count_names_the_labels_file()
    {
        var (a, _, _) = Write(6, 1);
        string labels = _files.Write("few.txt", "a\nb\n");
        var (exit, _, error) = CliRun.Invoke("similarity", a, "--labels", labels);
        Assert.Equal(1, exit);
        Assert.Contains("few.txt", error, StringComparison.Ordinal);
        Assert.Contains("2 labels for 6 images", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_mismatch_and_zero_rows_are_named()
    {
        var (a, _, _) = Write(4, 1);
        string b = _files.Write("texts.csv", "1,2,3\n4,5,6\n");
        var (exit, _, error) = CliRun.Invoke("similarity", a, b);
        Assert.Equal(1, exit);
        Assert.Contains("texts.csv", error, StringComparison.Ordinal);
        string zero = _files.Write("zero.csv", "1,2\n0,0\n");
        (exit, _, error) = CliRun.Invoke("similarity", zero);
        Assert.Equal(1, exit);
        Assert.Contains("row 2 is the zero vector", error, StringComparison.Ordinal);
        string nan = _files.Write("nan.csv", "1,2\nnan,0\n");
        (exit, _, error) = CliRun.Invoke("similarity", nan);
        Assert.Equal(1, exit);
        Assert.Contains("nan.csv, line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_bootstrap_count_is_a_usage_error()
    {
        var (a, _, _) = Write(4, 1);
        var (exit, _, error) = CliRun.Invoke("similarity", a, "--bootstrap", "1");
        Assert.Equal(2, exit);
        Assert.Contains("--bootstrap", error, StringComparison.Ordinal);
    }
}
