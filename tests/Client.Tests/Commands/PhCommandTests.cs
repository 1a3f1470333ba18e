using System.Globalization;
using System.Text.Json;
using ClipGeometry.Client.Tests.Cli;

namespace ClipGeometry.Client.Tests.Commands;

/// <summary>End-to-end tests of <c>clipgeo ph</c>: output byte-identical to ripser 1.2.1 on the golden files, JSON, errors.</summary>
public sealed class PhCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clipgeo-ph-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Golden(string file) => Path.Combine(RepositoryPaths.Root(), "tests", "Geometry.Tests", "Golden", "ph", file);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("torus_r3_100.csv", "torus_r3_100_dim2.ripser", "--dim", "2")]
    [InlineData("torus_r3_100.csv", "torus_r3_100_thr1.ripser", "--dim", "2", "--threshold", "1.0")]
    [InlineData("clip_r512_120.csv", "clip_r512_120_dim1.ripser", "--dim", "1")]
    [InlineData("random_r5_40_full.csv", "random_r5_40_full_dim2.ripser", "--format", "distance", "--dim", "2")]
    [InlineData("random_r5_40_full.csv", "random_r5_40_full_thr.ripser", "--format", "distance", "--dim", "2", "--threshold", "2.5")]
    [InlineData("random_r5_40_lower.txt", "random_r5_40_lower_dim2.ripser", "--format", "lower-distance", "--dim", "2")]
    [InlineData("random_r5_20_lower_flat.txt", "random_r5_20_lower_flat_dim2.ripser", "--format", "lower-distance", "--dim", "2")]
    [InlineData("negative_zero_15_full.txt", "negative_zero_15_full_dim1.ripser", "--format", "distance")]
    [InlineData("negative_zero_15_lower.txt", "negative_zero_15_lower_dim1.ripser", "--format", "lower-distance")]
    [InlineData("cosine_r16_90.csv", "cosine_r16_90_dim2.ripser", "--metric", "cosine", "--dim", "2")]
    [InlineData("grid_6x6.csv", "grid_6x6_dim2.ripser", "--dim", "2")]
    [InlineData("duplicates_50.csv", "duplicates_50_dim1.ripser")]
    [InlineData("sparse_60.txt", "sparse_60_dim1.ripser", "--format", "sparse")]
    public void Text_output_is_identical_to_ripser(string input, string expected, params string[] options)
    {
        var (exit, output, error) = CliRun.Invoke(["ph", Golden(input), .. options]);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllText(Golden(expected)), output);
    }

    [Fact]
    public void Json_output_follows_the_schema()
    {
        var (exit, output, error) = CliRun.Invoke("ph", Golden("torus_r3_100.csv"), "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("clipgeo.persistence/1", root.GetProperty("format").GetString());
        Assert.Equal(100, root.GetProperty("points").GetInt32());
        Assert.Equal("euclidean", root.GetProperty("metric").GetString());
        Assert.Equal(root.GetProperty("threshold").GetDouble(), root.GetProperty("enclosingRadius").GetDouble());
        Assert.Equal(1, root.GetProperty("maxDimension").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("coverRadius").ValueKind);
        var diagrams = root.GetProperty("diagrams");
        Assert.Equal(2, diagrams.GetArrayLength());
        var h0 = diagrams[0].GetProperty("intervals");
        Assert.Equal(0, diagrams[0].GetProperty("dimension").GetInt32());
        Assert.Equal(100, h0.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, h0[99][1].ValueKind);
        Assert.True(h0[0][1].GetDouble() > 0);
        string[] keys = [.. root.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["format", "points", "metric", "threshold", "enclosingRadius", "maxDimension", "coverRadius", "diagrams"], keys);
    }

    [Fact]
    public void Subsampling_reports_the_cover_radius()
    {
        var (exit, output, error) = CliRun.Invoke("ph", Golden("torus_r3_100.csv"), "--n-perm", "40", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("cover radius", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(40, json.RootElement.GetProperty("points").GetInt32());
        Assert.True(json.RootElement.GetProperty("coverRadius").GetDouble() > 0);
        Assert.Equal("euclidean", json.RootElement.GetProperty("coverRadiusMetric").GetString());
        Assert.Equal(2 * json.RootElement.GetProperty("coverRadius").GetDouble(), json.RootElement.GetProperty("bottleneckBound").GetDouble());
    }

    [Fact]
    public void Cosine_subsampling_reports_an_angular_cover_radius_and_its_bound()
    {
        var (exit, output, error) = CliRun.Invoke("ph", Golden("cosine_r16_90.csv"), "--metric", "cosine", "--n-perm", "30", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("angular cover radius", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("cosine", json.RootElement.GetProperty("metric").GetString());
        Assert.Equal("angular", json.RootElement.GetProperty("coverRadiusMetric").GetString());
        Assert.Equal(2 * json.RootElement.GetProperty("coverRadius").GetDouble(), json.RootElement.GetProperty("bottleneckBound").GetDouble());
    }

    [Fact]
    public void The_readme_example_runs()
    {
        var (exit, output, error) = CliRun.Invoke("ph", Path.Combine(RepositoryPaths.Root(), "examples", "torus.csv"), "--dim", "1");
        Assert.True(exit == 0, error);
        Assert.StartsWith("point cloud with 500 points in dimension 3\n", output, StringComparison.Ordinal);
        Assert.Contains("persistence intervals in dim 1:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_over_the_memory_limit_is_refused_before_it_starts_and_the_limit_can_be_raised()
    {
        string torus = Golden("torus_r3_100.csv");
        var (exit, output, error) = CliRun.Invoke("ph", torus, "--dim", "2", "--memory-limit", "0.00001");
        Assert.Equal(1, exit);

        // Header lines go out before the computation (as Ripser prints them); no intervals follow.
        Assert.DoesNotContain("persistence intervals", output, StringComparison.Ordinal);
        Assert.Contains("more than the memory budget", error, StringComparison.Ordinal);
        Assert.Contains("--memory-limit", error, StringComparison.Ordinal);

        var (raised, text, _) = CliRun.Invoke("ph", torus, "--dim", "2", "--memory-limit", "4");
        Assert.Equal(0, raised);
        Assert.Equal(File.ReadAllText(Golden("torus_r3_100_dim2.ripser")), text);
    }

    [Fact]
    public void One_point_has_one_infinite_bar()
    {
        var (exit, output, _) = CliRun.Invoke("ph", Write("one.csv", "1,2\n"));
        Assert.Equal(0, exit);
        Assert.Contains("persistence intervals in dim 0:\n [0, )\npersistence intervals in dim 1:\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nan.csv", "0,0\n1,1\nnan,2\n", "point-cloud", "line 3")]
    [InlineData("ragged.csv", "0,0\n1,1\n2\n", "point-cloud", "line 3")]
    [InlineData("word.csv", "0,0\n1,x\n", "point-cloud", "line 2")]
    [InlineData("asym.txt", "0 1 2\n1 0 3\n2 4 0\n", "distance", "line 3")]
    [InlineData("negative.txt", "0 -1\n-1 0\n", "distance", "line 2")]
    [InlineData("diag.txt", "0 1\n1 2\n", "distance", "line 2")]
    [InlineData("notsquare.txt", "0 1 2\n1 0 3\n", "distance", "line 1")]
    [InlineData("lower.txt", "1\n2 3\n4 5\n", "lower-distance", "line 3")]
    [InlineData("sparse.txt", "0 1 0.5\n1 2\n", "sparse", "line 2")]
    [InlineData("sparseindex.txt", "0 1 0.5\n1.5 2 1\n", "sparse", "line 2")]
    [InlineData("empty.csv", "# nothing\n\n", "point-cloud", "no data rows")]
    public void Bad_files_fail_naming_file_and_line(string name, string content, string format, string where)
    {
        string path = Write(name, content);
        var (exit, output, error) = CliRun.Invoke("ph", path, "--format", format);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_row_under_the_cosine_metric_names_the_file_and_row()
    {
        string path = Write("zero.csv", "1,0\n0,1\n0,0\n1,1\n");
        var (exit, output, error) = CliRun.Invoke("ph", path, "--metric", "cosine");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Contains("zero vector", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_npy_header_promising_too_many_values_is_called_too_large()
    {
        string path = Path.Combine(_folder, "huge.npy");
        string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000, 3), }";
        header = header.PadRight(((header.Length + 11) / 64 * 64) + 63 - 10) + "\n";
        using (var stream = File.Create(path))
        {
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
            stream.Write(new byte[24]);
        }

        var (exit, _, error) = CliRun.Invoke("ph", path);
        Assert.Equal(1, exit);
        Assert.Contains("too large", error, StringComparison.Ordinal);
        Assert.DoesNotContain("malformed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_persistence_keeps_the_long_bars_and_a_summary_goes_to_stderr()
    {
        string torus = Path.Combine(RepositoryPaths.Root(), "examples", "torus.csv");
        var (exit, output, error) = CliRun.Invoke("ph", torus, "--dim", "1", "--min-persistence", "0.9");
        Assert.True(exit == 0, error);
        var bars = output.Split('\n').Where(l => l.StartsWith(" [", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(bars);
        foreach (string bar in bars)
        {
            var parts = bar.Trim()[1..^1].Split(',');
            if (parts[1].Trim().Length > 0)
            {
                double life = double.Parse(parts[1], CultureInfo.InvariantCulture) - double.Parse(parts[0], CultureInfo.InvariantCulture);
                Assert.True(life >= 0.9 - 1e-5, bar);
            }
        }

        // The torus: two long H1 bars (the two loops).
        int dim1 = output.IndexOf("persistence intervals in dim 1:", StringComparison.Ordinal);
        Assert.Equal(2, output[dim1..].Split('\n').Count(l => l.StartsWith(" [", StringComparison.Ordinal)));
        Assert.Contains("clipgeo: dim 0: 500 intervals (1 infinite); longest [0, )", error, StringComparison.Ordinal);
        Assert.Contains("clipgeo: dim 1: 138 intervals (0 infinite); longest [0.419365,1.76021) [0.449337,1.74751) [0.590041,1.43409)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails()
    {
        var (exit, _, error) = CliRun.Invoke("ph", Path.Combine(_folder, "absent.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dim 9", "--dim", "9")]
    [InlineData("x", "--dim", "x")]
    [InlineData("dipha", "--format", "dipha")]
    [InlineData("manhattan", "--metric", "manhattan")]
    [InlineData("--threshold -1", "--threshold", "-1")]
    [InlineData("--n-perm 0", "--n-perm", "0")]
    [InlineData("--memory-limit 0", "--memory-limit", "0")]
    [InlineData("--memory-limit -2", "--memory-limit", "-2")]
    [InlineData("--min-persistence -1", "--min-persistence", "-1")]
    [InlineData("--metric applies to point clouds only", "--format", "distance", "--metric", "cosine")]
    [InlineData("--n-perm needs all pairwise distances", "--format", "sparse", "--n-perm", "5")]
    public void Bad_options_are_usage_errors(string named, params string[] options)
    {
        // The first line names the option or value at fault (a help hint may follow; it mentions every option).
        string path = Write("ok.csv", "0,0\n1,0\n0,1\n");
        var (exit, output, error) = CliRun.Invoke(["ph", path, .. options]);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(named, error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_options()
    {
        var (exit, output, _) = CliRun.Invoke("ph", "--help");
        Assert.Equal(0, exit);
        foreach (string option in new[] { "--format", "--dim", "--threshold", "--metric", "--n-perm", "--json" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
