using System.Text.Json;
using ClipGeometry.Client.Tests.Cli;
using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Client.Tests.Sweeps;

/// <summary>What a new user meets with the sweep commands: bad paths, bad files, bad options, help, and --categories zero-shot.</summary>
public sealed class SweepCommandLineTests
{
    private static readonly string[] SweepCommands = ["sweep", "sweeps", "status", "results", "cancel", "demo", "report", "project"];

    private static string Temp()
    {
        string path = Path.Combine(Path.GetTempPath(), "clipgeo-sweep-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Dataset(int perCategory = 5)
    {
        string root = Temp();
        DemoDatasetGenerator.Generate(root, new DemoDatasetOptions { ImagesPerCategory = perCategory, Width = 64, Height = 48, Seed = 4 });
        return root;
    }

    private static string TinyClip => Path.Combine(RepositoryPaths.Fixtures(), "tiny-clip");

    private static string EmptyFile()
    {
        string path = Path.Combine(Temp(), "empty");
        File.WriteAllBytes(path, []);
        return path;
    }

    private static void AssertOneSentence(string error, params string[] naming)
    {
        Assert.Single(error.Trim().Split('\n'));
        foreach (string name in naming)
        {
            Assert.Contains(name, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_file_that_is_not_onnx_is_a_failure_naming_the_file()
    {
        string model = Path.Combine(Temp(), "model.onnx");
        File.WriteAllText(model, "not an ONNX model");
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(1), "--model", model, "--out", Path.Combine(Temp(), "r"));
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--model", model);

        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(1), "--model", EmptyFile(), "--out", Path.Combine(Temp(), "r"));
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--model");
    }

    [Fact]
    public void A_bad_sigma_names_the_sigmas_option_the_user_typed()
    {
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(1), "--sigmas", "-1", "--out", Path.Combine(Temp(), "r"));
        Assert.Equal(2, exit);
        AssertOneSentence(error, "--sigmas -1:");
        Assert.DoesNotContain("--perturbation", error, StringComparison.Ordinal);
        Assert.DoesNotContain("blur:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_datasets_rules_and_outputs_are_refused_in_one_sentence_with_the_readme_exit_codes()
    {
        string dataset = Dataset(1);
        string results = Path.Combine(Temp(), "r");

        // An existing dataset or rules file that cannot be read is a failure (1); a folder given for a file, or a file for a folder, is a usage error (2).
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", EmptyFile(), "--out", results);
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--dataset");
        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Temp(), "--out", results);
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--dataset", "no dataset layout");
        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--categories", EmptyFile(), "--out", results);
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--categories");
        string folder = Temp();
        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--categories", folder, "--out", results);
        Assert.Equal(2, exit);
        AssertOneSentence(error, "--categories", "folder");
        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", dataset, "--categories", "zero-shot:" + Path.Combine(folder, "nope.json"), "--model", TinyClip, "--out", results);
        Assert.Equal(1, exit);
        AssertOneSentence(error, "--categories", "nope.json");

        string file = EmptyFile();
        foreach (var args in new[] { new[] { "sweep", "--dataset", dataset, "--out", file }, new[] { "demo", "--out", file }, new[] { "results", "some-id", "--out", file, "--clustering", "localhost", "--gateway-port", "1" } })
        {
            (exit, _, error) = CliRun.Invoke(args);
            Assert.True(exit == 2, args[0] + ": " + error);
            AssertOneSentence(error, "--out", file, "file");
        }

        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public void Zero_shot_with_a_model_without_a_text_tower_is_a_usage_error_naming_the_model()
    {
        string results = Path.Combine(Temp(), "r");
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(1), "--categories", "zero-shot", "--out", results);
        Assert.Equal(2, exit);
        AssertOneSentence(error, "--categories zero-shot", "--model resnet18", "text tower");

        string vision = Path.Combine(TinyClip, "separate", "vision_model.onnx");
        (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(1), "--categories", "zero-shot", "--model", vision, "--out", results);
        Assert.Equal(2, exit);
        AssertOneSentence(error, vision, "text tower");
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public void A_zero_shot_sweep_records_how_its_categories_were_assigned()
    {
        string results = Path.Combine(Temp(), "results");
        var (exit, _, error) = CliRun.Invoke("sweep", "--dataset", Dataset(3), "--model", TinyClip, "--categories", "zero-shot", "--sigmas", "0,2",
            "--bootstrap", "1", "--angle-k", "2", "--shard-size", "4", "--store", Temp(), "--out", results);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json")));
        var categories = json.RootElement.GetProperty("categories");
        Assert.Equal("zero-shot", categories.GetProperty("source").GetString());
        Assert.Equal("a photo of a person", categories.GetProperty("prompts").GetProperty("human").GetString());
        Assert.Equal(15, categories.GetProperty("classified").GetInt32());
        Assert.Equal(JsonValueKind.Number, categories.GetProperty("agreement").GetProperty("rate").ValueKind);
    }

    [Fact]
    public void Report_refuses_a_folder_with_nothing_of_a_results_directory_but_reports_a_partial_one()
    {
        string empty = Temp();
        var (exit, _, error) = CliRun.Invoke("report", empty);
        Assert.Equal(1, exit);
        AssertOneSentence(error, empty, "no results.json", "no diagrams/");
        Assert.False(File.Exists(Path.Combine(empty, "report.html")));

        string partial = Temp();
        string sample = Path.Combine(RepositoryPaths.Root(), "tests", "Client.Tests", "Report", "sample-results");
        File.Copy(Path.Combine(sample, "wasserstein.csv"), Path.Combine(partial, "wasserstein.csv"));
        (exit, _, error) = CliRun.Invoke("report", partial);
        Assert.True(exit == 0, error);
        Assert.Contains("missing", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(partial, "report.html")));

        (exit, _, error) = CliRun.Invoke("report", EmptyFile());
        Assert.Equal(2, exit);
        AssertOneSentence(error, "is a file");
    }

    [Fact]
    public void Project_names_a_missing_empty_or_folder_input_in_one_sentence()
    {
        string output = Path.Combine(Temp(), "map.csv");
        foreach (string input in new[] { Path.Combine(Temp(), "nope.npy"), EmptyFile(), Temp() })
        {
            var (exit, _, error) = CliRun.Invoke("project", input, "--method", "umap", "--out", output);
            Assert.Equal(1, exit);
            AssertOneSentence(error, input);
        }
    }

    [Fact]
    public void Every_sweep_command_refuses_an_unknown_option_naming_it_and_its_help_states_each_default_once()
    {
        foreach (string command in SweepCommands)
        {
            var (exit, _, error) = CliRun.Invoke(command, "--no-such-option");
            Assert.True(exit == 2, command + ": " + error);
            Assert.Contains("--no-such-option", error, StringComparison.Ordinal);

            string output;
            (exit, output, _) = CliRun.Invoke(command, "--help");
            Assert.Equal(0, exit);
            foreach (string line in output.Split('\n').Where(static l => l.Contains("[default:", StringComparison.Ordinal)))
            {
                Assert.False(line.Contains("(default", StringComparison.Ordinal), $"{command} --help states a default twice: {line.Trim()}");
            }

            Assert.DoesNotContain("<metric>", output, StringComparison.Ordinal);
            Assert.DoesNotContain("<method>", output, StringComparison.Ordinal);
        }

        // The commands that only talk to a cluster do not offer to run in process.
        foreach (string command in new[] { "sweeps", "status", "results", "cancel" })
        {
            var (_, output, _) = CliRun.Invoke(command, "--help");
            Assert.DoesNotContain("instead of running in process", output, StringComparison.Ordinal);
        }

        foreach (string command in new[] { "status", "results", "cancel" })
        {
            var (exit, _, error) = CliRun.Invoke(command);
            Assert.Equal(2, exit);
            Assert.Contains("ID", error, StringComparison.Ordinal);
        }
    }
}
