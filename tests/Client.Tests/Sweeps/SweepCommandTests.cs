using System.Globalization;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Client.Tests.Sweeps;

/// <summary>clipgeo sweep in process, checked against the standalone commands on the files it exports.</summary>
public sealed class SweepCommandTests
{
    private static string Temp()
    {
        string path = Path.Combine(Path.GetTempPath(), "clipgeo-sweep-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Dataset()
    {
        string root = Temp();
        DemoDatasetGenerator.Generate(root, new DemoDatasetOptions { ImagesPerCategory = 5, Width = 64, Height = 48, Seed = 2 });
        return root;
    }

    private static string TinyClip => Path.Combine(RepositoryPaths.Fixtures(), "tiny-clip");

    [Fact]
    public void The_sweep_diagrams_and_distances_equal_clipgeo_ph_and_clipgeo_distance_on_the_exported_files()
    {
        string dataset = Dataset();
        string results = Path.Combine(Temp(), "results");
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--model", TinyClip, "--sigmas", "0,2", "--bootstrap", "3",
            "--shard-size", "4", "--angle-k", "3", "--store", Temp(), "--out", results);
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(results, "results.json")));

        // clipgeo ph --json (full precision) on the exported embeddings (the recorded metric: euclidean; no subsampling below --max-points).
        var (phExit, phOut, phError) = CliRun.Invoke("ph", Path.Combine(results, "embeddings", "sigma-2", "sport.npy"), "--dim", "1", "--json");
        Assert.True(phExit == 0, phError);
        string phFile = Path.Combine(Temp(), "ph.json");
        File.WriteAllText(phFile, phOut);
        var fromPh = DiagramFile.ReadAll(phFile);
        string sweepDiagram = Path.Combine(results, "diagrams", "sigma-2", "sport.csv");
        for (int dim = 0; dim <= 1; dim++)
        {
            // An empty dimension has no CSV rows and reads back as the empty diagram.
            // Filtration values are float32 distances: the JSON writes them "G9", the CSV as the exact double; equal as floats.
            var expected = DiagramFile.Read(sweepDiagram, dim).Intervals.Select(static i => ((float)i.Birth, (float)i.Death)).Order().ToList();
            var actual = fromPh[dim].Intervals.Select(static i => ((float)i.Birth, (float)i.Death)).Order().ToList();
            Assert.Equal(expected, actual);
        }

        // clipgeo distance on two exported diagrams gives the wasserstein.csv row.
        var rows = File.ReadAllLines(Path.Combine(results, "wasserstein.csv")).Skip(1).Select(static l => l.Split(',')).ToList();
        int compared = 0;
        foreach (var row in rows.Where(static r => r[0] == "sport" && r[4] != "wasserstein-1d"))
        {
            compared++;
            var args = new List<string>
            {
                "distance", Path.Combine(results, "diagrams", row[2], "sport.csv"), Path.Combine(results, "diagrams", row[3], "sport.csv"),
                "--dim", row[1], "--kind", row[4],
            };
            if (row[4] == "wasserstein")
            {
                args.AddRange(["--order", row[5], "--ground", row[6]]);
            }

            var (dExit, dOut, dError) = CliRun.Invoke([.. args]);
            Assert.True(dExit == 0, dError);
            Assert.Equal(row[8], dOut.Trim().Split('\n')[^1].Trim());
        }

        Assert.True(compared >= 3, $"only {compared} rows compared");
        Assert.Contains(rows, static r => r[4] == "wasserstein" && r[5] == "2");
        Assert.All(rows, static r => Assert.True(double.TryParse(r[9], NumberStyles.Float, CultureInfo.InvariantCulture, out _) && r[10].Length > 0));
    }

    [Fact]
    public void Bad_specs_are_refused_before_any_work_with_the_readme_exit_codes()
    {
        string dataset = Dataset();
        string results = Path.Combine(Temp(), "results");
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--model", TinyClip, "--sigmas", "0,-1", "--out", results);
        Assert.Equal(2, exit);
        Assert.Contains("--sigmas 0,-1", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results));

        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Path.Combine(dataset, "nope"), "--model", TinyClip, "--out", results);
        Assert.Equal(1, exit);
        Assert.Contains("--dataset", error, StringComparison.Ordinal);

        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--model", Path.Combine(dataset, "no-model"), "--out", results);
        Assert.Equal(1, exit);
        Assert.Contains("--model", error, StringComparison.Ordinal);

        (exit, _, _) = CliRun.Invoke("sweep", "--dataset", dataset, "--model", TinyClip);
        Assert.Equal(2, exit);

        (exit, _, error) = CliRun.Invoke("status", "some-id");
        Assert.Equal(2, exit);
        Assert.Contains("--clustering", error, StringComparison.Ordinal);

        int port = FreePort();
        (exit, _, error) = CliRun.Invoke("sweeps", "--clustering", "localhost", "--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--connect-timeout", "1");
        Assert.Equal(1, exit);
        Assert.Contains("did not answer", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("sweep")]
    [InlineData("sweeps")]
    [InlineData("status")]
    [InlineData("results")]
    [InlineData("cancel")]
    public void Every_sweep_command_has_help(string command)
    {
        var (exit, output, _) = CliRun.Invoke(command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage", output, StringComparison.OrdinalIgnoreCase);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
