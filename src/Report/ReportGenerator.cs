using System.Text;

namespace ClipGeometry.Report;

/// <summary>Reads a results directory, computes the projections that <c>projections/</c> lacks, and writes <c>report.html</c>.</summary>
public static class ReportGenerator
{
    /// <summary>Writes the report of <paramref name="resultsDirectory"/> to <paramref name="outPath"/> (default: report.html inside it), with the UMAP map.</summary>
    /// <param name="resultsDirectory">The results directory (docs/results.md).</param>
    /// <param name="outPath">The HTML file to write, or null for <c>report.html</c> in the results directory.</param>
    /// <param name="projection">How to compute missing projections, or null to draw none when <c>projections/</c> is absent.</param>
    /// <param name="options">Drawing options.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static ReportOutcome Generate(string resultsDirectory, string? outPath, IProjectionMethod? projection, ReportOptions? options = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Write(resultsDirectory, outPath, [(projection?.Name ?? "umap", projection)], options, progress, cancellationToken);

    /// <summary>
    /// Writes the report with one map per method of <paramref name="projections"/> (e.g. <see cref="ProjectionMethods.Parse"/>("both")):
    /// each is read from <see cref="ProjectionFile.RelativePath"/> when there, else computed and written there.
    /// </summary>
    /// <param name="resultsDirectory">The results directory (docs/results.md).</param>
    /// <param name="outPath">The HTML file to write, or null for <c>report.html</c> in the results directory.</param>
    /// <param name="projections">The maps to draw, in order.</param>
    /// <param name="options">Drawing options.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static ReportOutcome GenerateWithMaps(string resultsDirectory, string? outPath, IReadOnlyList<IProjectionMethod> projections, ReportOptions? options = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projections);
        return Write(resultsDirectory, outPath, [.. projections.Select(static p => (p.Name, (IProjectionMethod?)p))], options, progress, cancellationToken);
    }

    private static ReportOutcome Write(string resultsDirectory, string? outPath, List<(string Name, IProjectionMethod? Method)> maps, ReportOptions? options,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var found = ResultsDirectory.Recognise(resultsDirectory);
        var data = ResultsDirectory.Load(resultsDirectory, cancellationToken);
        var written = new List<string>();
        data.MapMethods.Clear();
        foreach (var (name, projection) in maps)
        {
            data.MapMethods.Add(name);
            if (name != "umap")
            {
                ProjectionFile.ReadAll(data, name);
            }

            var points = data.ProjectionsOf(name);
            if (points.Count > 0)
            {
                continue;
            }

            string files = name == "umap" ? "projections/" : $"projections/{name}/";
            if (projection is null)
            {
                data.ProjectionSources[name] = $"{files} is absent and no projection method was given";
            }
            else if (data.Reference is { } reference && data.Categories.Any(c => data.Embeddings.ContainsKey((reference.Name, c))))
            {
                progress?.Report($"{files} is absent: computing {projection.Describe(data)}.");
                foreach (var (level, levelPoints) in projection.Project(data, progress, cancellationToken))
                {
                    ProjectionFile.Write(data.Root, name, level, levelPoints);
                    points[level] = levelPoints;
                    written.Add(ProjectionFile.RelativePath(name, level));
                }

                data.ProjectionSources[name] = projection.Describe(data) + $", computed by this report and written to {files}";
            }
            else
            {
                data.ProjectionSources[name] = $"{files} is absent and the reference level's embeddings are missing, so none could be computed";
            }
        }

        string html = ReportPage.Render(data, options);
        string path = Path.GetFullPath(outPath ?? Path.Combine(data.Root, "report.html"));
        string temp = path + ".tmp";
        File.WriteAllText(temp, html, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        return new ReportOutcome(path, new FileInfo(path).Length, data.Problems, written, found);
    }
}
