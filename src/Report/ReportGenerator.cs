using System.Text;

namespace ClipGeometry.Report;

/// <summary>Reads a results directory, computes the projections when <c>projections/</c> is absent, and writes <c>report.html</c>.</summary>
public static class ReportGenerator
{
    /// <summary>Writes the report of <paramref name="resultsDirectory"/> to <paramref name="outPath"/> (default: report.html inside it).</summary>
    /// <param name="resultsDirectory">The results directory (docs/results.md).</param>
    /// <param name="outPath">The HTML file to write, or null for <c>report.html</c> in the results directory.</param>
    /// <param name="projection">How to compute missing projections, or null to draw none when <c>projections/</c> is absent.</param>
    /// <param name="options">Drawing options.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static ReportOutcome Generate(string resultsDirectory, string? outPath, IProjectionMethod? projection, ReportOptions? options = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = ResultsDirectory.Load(resultsDirectory, cancellationToken);
        var written = new List<string>();
        if (data.Projections.Count == 0)
        {
            if (projection is null)
            {
                data.ProjectionSource = "projections/ is absent and no projection method was given";
            }
            else if (data.Reference is { } reference && data.Categories.Any(c => data.Embeddings.ContainsKey((reference.Name, c))))
            {
                progress?.Report($"projections/ is absent: computing {projection.Describe(data)}.");
                foreach (var (level, points) in projection.Project(data, progress, cancellationToken))
                {
                    ProjectionFile.Write(data.Root, level, points);
                    data.Projections[level] = points;
                    written.Add(level);
                }

                data.ProjectionSource = projection.Describe(data) + ", computed by this report and written to projections/";
            }
            else
            {
                data.ProjectionSource = "projections/ is absent and the reference level's embeddings are missing, so none could be computed";
            }
        }

        string html = ReportPage.Render(data, options);
        string path = Path.GetFullPath(outPath ?? Path.Combine(data.Root, "report.html"));
        string temp = path + ".tmp";
        File.WriteAllText(temp, html, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        return new ReportOutcome(path, new FileInfo(path).Length, data.Problems, written);
    }
}
