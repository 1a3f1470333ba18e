using System.Globalization;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class ProjectCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string WriteClusters(int n)
    {
        // Three clusters near e0, e1, e2 in R^6.
        var random = new Random(5);
        var values = new float[n * 6];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                values[(i * 6) + j] = (j == i % 3 ? 5f : 0f) + (float)random.NextDouble();
            }
        }

        string path = Path.Combine(_files.Folder, "points.npy");
        NpyFile.WriteSingle(path, values, n, 6);
        return path;
    }

    [Theory]
    [InlineData("umap")]
    [InlineData("tsne")]
    public void Writes_one_x_y_row_per_point_and_reports_progress(string method)
    {
        string points = WriteClusters(90);
        string output = Path.Combine(_files.Folder, $"{method}.csv");
        var (exit, _, error) = CliRun.Invoke("project", points, "--method", method, "--out", output, "--seed", "3");
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("x,y", lines[0]);
        Assert.Equal(91, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(',');
            Assert.Equal(2, parts.Length);
            Assert.True(double.IsFinite(double.Parse(parts[0], CultureInfo.InvariantCulture)));
        }

        Assert.Contains("wrote 90 rows", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_method_is_a_usage_error_naming_the_option()
    {
        string points = WriteClusters(30);
        var (exit, _, error) = CliRun.Invoke("project", points, "--method", "pca", "--out", Path.Combine(_files.Folder, "o.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("--method pca", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_row_under_the_cosine_metric_is_refused_naming_the_row()
    {
        string path = _files.Write("points.csv", "a,b\n1,2\n0,0\n3,1\n2,2\n");
        var (exit, _, error) = CliRun.Invoke("project", path, "--method", "umap", "--out", Path.Combine(_files.Folder, "o.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("row 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_failure_naming_the_file()
    {
        string missing = Path.Combine(_files.Folder, "absent.npy");
        var (exit, _, error) = CliRun.Invoke("project", missing, "--method", "tsne", "--out", Path.Combine(_files.Folder, "o.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("absent.npy", error, StringComparison.Ordinal);
    }
}
