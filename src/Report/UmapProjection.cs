using System.Globalization;
using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Report;

/// <summary>
/// UMAP (the Geometry library's): one fit of the reference level's images together with their captions (the seed
/// study's figure), then every other level's images placed into that map with <see cref="UmapModel.Transform"/>, so
/// that drift under the perturbation is visible.
/// </summary>
public sealed class UmapProjection(UmapOptions options) : IProjectionMethod
{
    /// <summary>UMAP with the defaults of umap-learn and cosine distance.</summary>
    public UmapProjection()
        : this(new UmapOptions())
    {
    }

    /// <inheritdoc/>
    public string Name => "umap";

    /// <inheritdoc/>
    public string Describe(ResultsData data) => string.Create(CultureInfo.InvariantCulture,
        $"UMAP ({options.Metric.ToString().ToLowerInvariant()}, {options.Neighbors} neighbours, min_dist {options.MinDist}, seed {options.Seed}) fitted at {data.Reference?.Name}, other levels placed by transform");

    /// <inheritdoc/>
    public Dictionary<string, List<ProjectionPoint>> Project(ResultsData data, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (reference, points, keys, columns) = ProjectionInput.GatherReference(data);
        var result = new Dictionary<string, List<ProjectionPoint>>();
        if (keys.Count < 3)
        {
            return result;
        }

        var model = Umap.Fit(points, keys.Count, columns, options with { Neighbors = Math.Min(options.Neighbors, keys.Count - 1) }, progress, cancellationToken);
        result[reference.Name] = ProjectionInput.Place(keys, model.Embedding);
        foreach (var level in data.Levels.Skip(1))
        {
            var (others, otherKeys, otherColumns) = ProjectionInput.Gather(data, level.Name, withCaptions: false);
            if (otherKeys.Count == 0 || otherColumns != columns)
            {
                continue;
            }

            progress?.Report($"placing {level.Name} into the {reference.Name} map");
            result[level.Name] = ProjectionInput.Place(otherKeys, model.Transform(others, otherKeys.Count, columns, progress, cancellationToken));
        }

        return result;
    }
}
