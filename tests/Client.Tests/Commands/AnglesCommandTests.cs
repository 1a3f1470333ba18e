using System.Globalization;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class AnglesCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[] Numbers(string output) =>
        output.Trim().Split('\n').Where(l => !l.StartsWith('#')).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Column_spaces_give_descending_angles()
    {
        // span(e1, e2) against span(e1, e3·cos + e2·sin...) : angles 90° and 0° for span(e1,e2) vs span(e1,e3).
        string a = _files.Write("a.csv", "1,0\n0,1\n0,0\n");
        string b = _files.Write("b.csv", "2,0\n0,0\n0,3\n");
        var (exit, output, error) = CliRun.Invoke("angles", a, b, "--degrees", "--summary");
        Assert.True(exit == 0, error);
        var angles = Numbers(output);
        Assert.Equal(2, angles.Length);
        Assert.Equal(90, angles[0], 10);
        Assert.Equal(0, angles[1], 10);
        Assert.Contains("# grassmann", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_npy_embeddings_give_category_subspace_angles()
    {
        // Category A in span(e1, e2), category B in span(e1, e3) of R^4.
        var random = new Random(5);
        var x = new double[30 * 4];
        var y = new double[30 * 4];
        for (int i = 0; i < 30; i++)
        {
            x[i * 4] = random.NextDouble() + 0.5;
            x[(i * 4) + 1] = random.NextDouble() - 0.5;
            y[i * 4] = random.NextDouble() + 0.5;
            y[(i * 4) + 2] = random.NextDouble() - 0.5;
        }

        string a = Path.Combine(_files.Folder, "a.npy");
        string b = Path.Combine(_files.Folder, "b.npy");
        NpyFile.WriteDouble(a, x, 30, 4);
        NpyFile.WriteDouble(b, y, 30, 4);
        var (exit, output, error) = CliRun.Invoke("angles", a, b, "--rows", "--k", "2");
        Assert.True(exit == 0, error);
        var angles = Numbers(output);
        Assert.Equal(Math.PI / 2, angles[0], 10);
        Assert.Equal(0, angles[1], 10);
        (exit, output, _) = CliRun.Invoke("angles", a, b, "--rows", "--variance", "0.999", "--center");
        Assert.Equal(0, exit);
        Assert.Equal(2, Numbers(output).Length);
    }

    [Theory]
    [InlineData("--k", "2")]
    [InlineData("--center")]
    public void Subspace_options_need_rows(params string[] option)
    {
        string a = _files.Write("a.csv", "1,0\n0,1\n0,0\n");
        var (exit, _, error) = CliRun.Invoke(["angles", a, a, .. option]);
        Assert.Equal(2, exit);
        Assert.Contains("--rows", error, StringComparison.Ordinal);
    }

    [Fact]
    public void K_and_variance_together_and_bad_values_are_usage_errors()
    {
        string a = _files.Write("a.csv", "1,0\n0,1\n0,0\n");
        Assert.Equal(2, CliRun.Invoke("angles", a, a, "--rows", "--k", "1", "--variance", "0.9").Exit);
        Assert.Equal(2, CliRun.Invoke("angles", a, a, "--rows", "--variance", "1.5").Exit);
        Assert.Equal(2, CliRun.Invoke("angles", a, a, "--rows", "--k", "7").Exit);
    }

    [Fact]
    public void Dimension_mismatch_names_the_files()
    {
        string a = _files.Write("a.csv", "1,0\n0,1\n0,0\n");
        string b = _files.Write("b.csv", "1,0\n0,1\n");
        var (exit, _, error) = CliRun.Invoke("angles", a, b);
        Assert.Equal(1, exit);
        Assert.Contains("b.csv", error, StringComparison.Ordinal);
        Assert.Contains("rows", error, StringComparison.Ordinal);
        (exit, _, error) = CliRun.Invoke("angles", a, _files.Write("c.csv", "1,0,0\n"), "--rows");
        Assert.Equal(1, exit);
        Assert.Contains("dimensions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_values_name_the_file_and_line()
    {
        string a = _files.Write("a.csv", "1,0\n0,nan\n0,0\n");
        var (exit, _, error) = CliRun.Invoke("angles", a, a);
        Assert.Equal(1, exit);
        Assert.Contains("a.csv, line 2", error, StringComparison.Ordinal);
    }
}
