using System.Globalization;
using ClipGeometry.Client.Tests.Cli;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class DistanceCommandTests : IDisposable
{
    private const string RipserA = """
        value range: [0,2]
        distance matrix with 4 points, using threshold at enclosing radius 2
        persistence intervals in dim 0:
         [0,1)
         [0,0.5)
         [0, )
        persistence intervals in dim 1:
         [0,1)
         [0.5,0.6)

        """;

    // The same diagrams as the hand example: W1 (L∞) of the dim-1 parts with an essential class is 0.25, bottleneck 0.1.
    private const string CsvA = "dim,birth,death\n1,0,1\n1,0.2,inf\n1,0.5,0.6\n0,0,inf\n";
    private const string CsvB = "birth,death\n0.1,1.1\n0.3,inf\n";
    private const string JsonB = """
        {"format":"clipgeo.persistence/1","points":500,"metric":"euclidean","threshold":1.23,"enclosingRadius":1.23,"maxDimension":1,"coverRadius":null,
         "diagrams":[{"dimension":0,"intervals":[[0.0,0.5],[0.0,null]]},{"dimension":1,"intervals":[[0.1,1.1],[0.3,null]]}]}
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double Last(string output) =>
        double.Parse(output.Trim().Split('\n')[^1].Replace("inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public void Wasserstein_between_csv_and_json_matches_the_hand_value()
    {
        string a = _files.Write("a.csv", CsvA);
        string b = _files.Write("b.json", JsonB);
        var (exit, output, error) = CliRun.Invoke("distance", a, b, "--dim", "1");
        Assert.True(exit == 0, error);
        Assert.Equal(0.25, Last(output), 12);
        (exit, output, _) = CliRun.Invoke("distance", a, b, "--dim", "1", "--kind", "bottleneck");
        Assert.Equal(0, exit);
        Assert.Equal(0.1, Last(output), 12);
    }

    [Fact]
    public void Two_column_csv_needs_no_dimension()
    {
        string b = _files.Write("b.csv", CsvB);
        var (exit, output, _) = CliRun.Invoke("distance", b, b, "--order", "2", "--ground", "2");
        Assert.Equal(0, exit);
        Assert.Equal(0.0, Last(output));
    }

    [Fact]
    public void Ripser_text_is_read_by_dimension()
    {
        string a = _files.Write("a.txt", RipserA);
        string b = _files.Write("b.csv", "0,1\n");
        var (exit, output, error) = CliRun.Invoke("distance", a, b, "--dim", "1");
        Assert.True(exit == 0, error);

        // [0,1) matches [0,1) exactly; [0.5,0.6) goes to the diagonal at 0.05.
        Assert.Equal(0.05, Last(output), 12);
    }

    [Fact]
    public void Unequal_essential_counts_print_inf()
    {
        string a = _files.Write("a.txt", RipserA);
        string b = _files.Write("b.json", JsonB);
        var (exit, output, _) = CliRun.Invoke("distance", a, b, "--dim", "1");
        Assert.Equal(0, exit);
        Assert.Equal("inf", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Approximate_mode_prints_its_bound_then_the_distance()
    {
        string a = _files.Write("a.csv", CsvA);
        string b = _files.Write("b.json", JsonB);
        var (exit, output, _) = CliRun.Invoke("distance", a, b, "--dim", "1", "--approx", "0.01");
        Assert.Equal(0, exit);
        Assert.Contains("relative error", output, StringComparison.Ordinal);
        Assert.InRange(Last(output), 0.25, 0.25 * 1.01);
    }

    [Fact]
    public void Approximate_mode_on_equal_birth_diagrams_says_the_value_is_exact()
    {
        // H0 of a Rips filtration: every finite point born at 0. The exact one-dimensional matching answers, with no auction bound.
        string a = _files.Write("h0a.csv", "dim,birth,death\n0,0,1\n0,0,0.5\n0,0,inf\n");
        string b = _files.Write("h0b.csv", "dim,birth,death\n0,0,0.9\n0,0,inf\n");
        var (exit, output, _) = CliRun.Invoke("distance", a, b, "--dim", "0", "--approx", "0.01");
        Assert.Equal(0, exit);
        Assert.StartsWith("# relative error 0: the value is exact", output, StringComparison.Ordinal);
        Assert.DoesNotContain("auction", output, StringComparison.Ordinal);

        // W1 with ground L-inf: 1 matched to 0.9 (0.1), 0.5 to the diagonal (0.25).
        Assert.Equal(0.35, Last(output), 12);
    }

    [Fact]
    public void One_dimensional_distance_reports_left_out_essential_classes()
    {
        string a = _files.Write("a.csv", CsvA);
        string b = _files.Write("b.json", JsonB);
        var (exit, output, error) = CliRun.Invoke("distance", a, b, "--dim", "1", "--kind", "wasserstein-1d");
        Assert.Equal(0, exit);

        // Lifetimes {1, 0.1} against {1}: the CDFs differ by 1/2 on [0.1, 1).
        Assert.Equal(0.45, Last(output), 12);
        Assert.Contains("essential", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_dimensions_without_dim_is_a_usage_error()
    {
        string a = _files.Write("a.txt", RipserA);
        var (exit, _, error) = CliRun.Invoke("distance", a, a);
        Assert.Equal(2, exit);
        Assert.Contains("--dim", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--order", "0.5")]
    [InlineData("--order", "abc")]
    [InlineData("--ground", "0")]
    [InlineData("--approx", "-1")]
    [InlineData("--kind", "euclid")]
    public void Bad_options_exit_2(string option, string value)
    {
        string b = _files.Write("b.csv", CsvB);
        var (exit, _, error) = CliRun.Invoke("distance", b, b, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_with_bottleneck_is_a_usage_error()
    {
        string b = _files.Write("b.csv", CsvB);
        Assert.Equal(2, CliRun.Invoke("distance", b, b, "--kind", "bottleneck", "--order", "2").Exit);
    }

    [Theory]
    [InlineData("bad.csv", "birth,death\n0,1\n0.5,abc\n", "line 3")]
    [InlineData("bad.csv", "0,1\n2,1\n", "comes before birth")]
    [InlineData("bad.csv", "0,1\nnan,1\n", "birth nan")]
    [InlineData("bad.csv", "0,1,2,3\n", "line 1")]
    [InlineData("bad.txt", "persistence intervals in dim 1:\n [0,1)\n [0.5 0.7)\n", "line 3")]
    [InlineData("bad.json", "{\"format\":\"clipgeo.persistence/1\",\"diagrams\":[{\"dimension\":0,\"intervals\":[[0,\"x\"]]}]}", "diagrams[0].intervals[0]")]
    [InlineData("bad.json", "{\"format\":\"something/2\",\"diagrams\":[]}", "clipgeo.persistence/1")]
    [InlineData("bad.json", "{\"format\":", "not valid JSON")]
    public void Malformed_files_name_the_file_and_the_fault(string name, string text, string expected)
    {
        string bad = _files.Write(name, text);
        string good = _files.Write("good.csv", CsvB);
        var (exit, _, error) = CliRun.Invoke("distance", good, bad, "--dim", "1");
        Assert.Equal(1, exit);
        Assert.Contains(bad, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_only_csv_is_an_empty_diagram()
    {
        string empty = _files.Write("empty.csv", "dim,birth,death\n");
        string b = _files.Write("b.csv", "0,1\n");
        var (exit, output, error) = CliRun.Invoke("distance", empty, b, "--dim", "1");
        Assert.True(exit == 0, error);
        Assert.Equal(0.5, Last(output), 12);
    }

    [Theory]
    [InlineData("--dim", "1")]
    [InlineData]
    public void Zero_byte_file_is_an_empty_diagram(params string[] options)
    {
        // numpy.savetxt of an empty array writes a zero-byte file; GUDHI takes an empty array.
        string empty = _files.Write("empty.txt", string.Empty);
        string b = _files.Write("b.csv", "0,1\n");
        var (exit, output, error) = CliRun.Invoke(["distance", empty, b, .. options]);
        Assert.True(exit == 0, error);
        Assert.Equal(0.5, Last(output), 12);
    }

    [Fact]
    public void Gudhi_essential_points_are_read_and_matched_kind_by_kind()
    {
        // GUDHI 3.7 on these (Golden/metrics gudhi-essential-kinds): W1 = 8.3, bottleneck 3.
        string a = _files.Write("a.csv", "birth,death\n0,1\n3,5\n2,inf\n3,inf\n-inf,8\n-inf,12\n-inf,-inf\ninf,inf\n-inf,inf\n-inf,inf\n");
        string b = _files.Write("b.csv", "birth,death\n0.2,0.7\n1,4\n2.5,inf\n6,inf\n-inf,7\n-inf,13.5\ninf,inf\ninf,inf\n-inf,inf\n-inf,inf\n");
        var (exit, output, error) = CliRun.Invoke("distance", a, b);
        Assert.True(exit == 0, error);
        Assert.Equal(8.3, Last(output), 12);
        (exit, output, error) = CliRun.Invoke("distance", a, b, "--kind", "bottleneck");
        Assert.True(exit == 0, error);
        Assert.Equal(3.0, Last(output), 12);
        string c = _files.Write("c.csv", "birth,death\n-inf,1\n");
        (exit, output, _) = CliRun.Invoke("distance", a, c);
        Assert.Equal(0, exit);
        Assert.Equal("inf", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        string good = _files.Write("good.csv", CsvB);
        var (exit, _, error) = CliRun.Invoke("distance", good, Path.Combine(_files.Folder, "nope.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("nope.csv", error, StringComparison.Ordinal);
    }
}
