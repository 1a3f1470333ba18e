namespace ClipGeometry.Report.Tests;

public sealed class ResultsDirectoryTests
{
    [Fact]
    public void The_sample_reads_without_problems()
    {
        var data = ResultsDirectory.Load(SampleResults.Directory());
        Assert.Empty(data.Problems);
        Assert.Equal(["sigma-0", "sigma-2", "sigma-4"], data.Levels.Select(static l => l.Name));
        Assert.Equal(5, data.Categories.Count);
        Assert.True(data.HasTextTower);
        Assert.Equal(3, data.Projections.Count);
        Assert.Equal(18, data.Diagrams.Count);
        Assert.NotNull(data.Wasserstein);
        Assert.NotNull(data.Angles);
        Assert.NotNull(data.Similarity);
    }

    [Fact]
    public void Missing_and_malformed_files_are_named_in_the_report_not_thrown()
    {
        string dir = SampleResults.Copy();
        try
        {
            File.Delete(Path.Combine(dir, "wasserstein.csv"));
            File.WriteAllText(Path.Combine(dir, "diagrams", "sigma-2", "human.csv"), "dim,birth,death\n0,zero,1\n");
            File.WriteAllText(Path.Combine(dir, "subspace_angles.csv"), "level,category_a\nsigma-0\n");
            Directory.Delete(Path.Combine(dir, "thumbnails", "animal"), recursive: true);
            File.WriteAllText(Path.Combine(dir, "results.json"), "{ \"format\": ");
            var outcome = ReportGenerator.Generate(dir, null, null);
            string html = File.ReadAllText(outcome.Path);
            Assert.Contains(outcome.Problems, static p => p.StartsWith("wasserstein.csv is missing", StringComparison.Ordinal));
            Assert.Contains(outcome.Problems, static p => p.StartsWith("diagrams/sigma-2/human.csv is malformed", StringComparison.Ordinal));
            Assert.Contains(outcome.Problems, static p => p.StartsWith("subspace_angles.csv: the header lacks the columns", StringComparison.Ordinal));
            Assert.Contains(outcome.Problems, static p => p.StartsWith("thumbnails/animal/ is missing", StringComparison.Ordinal));
            Assert.Contains(outcome.Problems, static p => p.StartsWith("results.json is not valid JSON", StringComparison.Ordinal));
            Assert.Contains("Missing or malformed", html, StringComparison.Ordinal);
            Assert.Contains("wasserstein.csv is missing", html, StringComparison.Ordinal);
            Assert.Contains("diagrams/sigma-2/human.csv is missing or malformed", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_empty_directory_gives_a_report_that_says_everything_is_missing()
    {
        string dir = Path.Combine(Path.GetTempPath(), "clipgeo-report-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var outcome = ReportGenerator.Generate(dir, null, null);
            string html = File.ReadAllText(outcome.Path);
            Assert.Contains("results.json is missing", html, StringComparison.Ordinal);
            Assert.Contains("No level is known", html, StringComparison.Ordinal);
            Assert.Contains("No projection could be drawn", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_folder_with_nothing_of_a_results_directory_is_recognised_as_such()
    {
        string dir = Path.Combine(Path.GetTempPath(), "clipgeo-report-nothing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "photos"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a results directory\n");
        try
        {
            Assert.Empty(ResultsDirectory.Recognise(dir));
            var outcome = ReportGenerator.Generate(dir, null, null);
            Assert.True(outcome.FoundNothing);

            // One known entry is enough for a partial report.
            File.WriteAllText(Path.Combine(dir, "similarity.csv"), "level,statistic,category,value,ci_low,ci_high\n");
            Assert.Equal(["similarity.csv"], ResultsDirectory.Recognise(dir));
            Assert.False(ReportGenerator.Generate(dir, null, null).FoundNothing);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Assert.Equal(
            ["results.json", "embeddings/", "captions/", "texts/", "thumbnails/", "diagrams/", "wasserstein.csv", "subspace_angles.csv", "similarity.csv", "projections/"],
            ResultsDirectory.Recognise(SampleResults.Directory()));
    }

    [Fact]
    public void An_interval_equal_to_its_value_is_shown_as_none()
    {
        Assert.Equal("—", ResultsNumbers.Interval(0.5, 0.5, 0.5));
        Assert.Equal("—", ResultsNumbers.Interval(0.5, double.NaN, double.NaN));
        Assert.Equal("0.4 – 0.6", ResultsNumbers.Interval(0.5, 0.4, 0.6));
        // Zero width but not at the value is an interval, shown as such.
        Assert.Equal("0.4 – 0.4", ResultsNumbers.Interval(0.5, 0.4, 0.4));

        // The sample's similarity table: image_image_mean has no bootstrap ("—"), intra_minus_inter has one.
        string html = ReportPage.Render(ResultsDirectory.Load(SampleResults.Directory()));
        string table = html[html.IndexOf("<summary>The table (similarity.csv)</summary>", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.Matches("<td>sigma-0</td><td>image_image_mean</td><td>all</td><td class=\"num\">[0-9.]+</td><td class=\"num\">—</td>", table);
        Assert.Matches("<td>sigma-0</td><td>intra_minus_inter</td><td>all</td><td class=\"num\">[-0-9.]+</td><td class=\"num\">[-0-9.]+ – [-0-9.]+</td>", table);
        Assert.DoesNotMatch(@"<td class=""num"">([-0-9.e+E]+) – \1</td>", table);
    }

    [Fact]
    public void Without_projections_and_a_method_the_map_says_why()
    {
        string dir = SampleResults.Copy();
        try
        {
            Directory.Delete(Path.Combine(dir, "projections"), recursive: true);
            var outcome = ReportGenerator.Generate(dir, null, null);
            Assert.Contains("projections/ is absent", File.ReadAllText(outcome.Path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Projection_files_round_trip_with_caption_rows()
    {
        string dir = Path.Combine(Path.GetTempPath(), "clipgeo-projection-" + Guid.NewGuid().ToString("N"));
        try
        {
            ProjectionPoint[] points = [new("animal", 3, -1, 0.1, -2.5), new("animal", 3, 4, 1e-7, 3)];
            ProjectionFile.Write(dir, "sigma-0", points);
            Assert.Equal("category,row,kind,x,y\nanimal,3,image,0.1,-2.5\nanimal,3.4,caption,1E-07,3\n", File.ReadAllText(Path.Combine(dir, "projections", "sigma-0.csv")));
            var data = new ResultsData { Root = dir };
            data.Levels.Add(PerturbationLevel.Parse("sigma-0"));
            ProjectionFile.ReadAll(data);
            Assert.Equal(points, data.Projections["sigma-0"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
