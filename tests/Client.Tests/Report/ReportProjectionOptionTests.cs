using ClipGeometry.Client.Tests.Cli;

namespace ClipGeometry.Client.Tests.Report;

/// <summary><c>clipgeo report --projection umap|tsne|both</c>.</summary>
public sealed class ReportProjectionOptionTests
{
    private static string SampleCopy()
    {
        string source = Path.Combine(RepositoryPaths.Root(), "tests", "Client.Tests", "Report", "sample-results");
        string target = Path.Combine(Path.GetTempPath(), "clipgeo-report-projection-" + Guid.NewGuid().ToString("N"));
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    [Fact]
    public void An_unknown_projection_is_a_usage_error_naming_the_option()
    {
        string dir = SampleCopy();
        try
        {
            var (exit, _, error) = CliRun.Invoke("report", dir, "--projection", "pca");
            Assert.Equal(2, exit);
            Assert.Contains("--projection must be one of umap, tsne, both, not 'pca'", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Tsne_is_computed_into_its_own_folder_and_drawn_beside_the_umap_map()
    {
        string dir = SampleCopy();
        try
        {
            var (exit, _, error) = CliRun.Invoke("report", dir, "--projection", "both");
            Assert.True(exit == 0, error);
            foreach (string level in new[] { "sigma-0", "sigma-2", "sigma-4" })
            {
                // UMAP's files are the committed ones (read, not rewritten); t-SNE's are computed.
                Assert.DoesNotContain($"wrote projections/{level}.csv", error, StringComparison.Ordinal);
                Assert.Contains($"wrote projections/tsne/{level}.csv", error, StringComparison.Ordinal);
                Assert.Equal("category,row,kind,x,y", File.ReadLines(Path.Combine(dir, "projections", "tsne", level + ".csv")).First());
            }

            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("id=\"map\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"map-tsne\"", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
