using ClipGeometry.Client.Tests.Cli;

namespace ClipGeometry.Client.Tests.Commands;

public sealed class ReportCommandTests
{
    private static string SampleCopy()
    {
        string source = Path.Combine(RepositoryPaths.Root(), "tests", "Client.Tests", "Report", "sample-results");
        string target = Path.Combine(Path.GetTempPath(), "clipgeo-report-cli-" + Guid.NewGuid().ToString("N"));
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    [Fact]
    public void Help_describes_the_command()
    {
        var (exit, output, _) = CliRun.Invoke("report", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("RESULTS_DIR", output, StringComparison.Ordinal);
        Assert.Contains("--out", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_results_directory_is_a_failure_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-results-" + Guid.NewGuid().ToString("N"));
        var (exit, _, error) = CliRun.Invoke("report", missing);
        Assert.Equal(1, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_one_self_contained_file_where_out_says()
    {
        string dir = SampleCopy();
        try
        {
            string outPath = Path.Combine(dir, "elsewhere.html");
            var (exit, output, error) = CliRun.Invoke("report", dir, "--out", outPath);
            Assert.True(exit == 0, error);
            Assert.Contains("elsewhere.html", output, StringComparison.Ordinal);
            string html = File.ReadAllText(outPath);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            // Self-contained: nothing is loaded from elsewhere.
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
            Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Computes_and_writes_projections_when_they_are_absent()
    {
        string dir = SampleCopy();
        try
        {
            Directory.Delete(Path.Combine(dir, "projections"), recursive: true);
            var (exit, _, error) = CliRun.Invoke("report", dir);
            Assert.True(exit == 0, error);
            foreach (string level in new[] { "sigma-0", "sigma-2", "sigma-4" })
            {
                Assert.Contains($"wrote projections/{level}.csv", error, StringComparison.Ordinal);
                string[] lines = File.ReadAllLines(Path.Combine(dir, "projections", level + ".csv"));
                Assert.Equal("category,row,kind,x,y", lines[0]);
                // The reference level holds the 50 images and their 250 captions; the other levels the images only.
                Assert.Equal(level == "sigma-0" ? 300 : 50, lines.Length - 1);
            }

            Assert.Contains("UMAP (cosine, 15 neighbours", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_bad_max_points_is_a_usage_error()
    {
        var (exit, _, error) = CliRun.Invoke("report", Path.GetTempPath(), "--max-points", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--max-points", error, StringComparison.Ordinal);
    }
}
