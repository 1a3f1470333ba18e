using System.Globalization;
using ClipGeometry.Geometry.Projections;

namespace ClipGeometry.Report;

/// <summary>
/// t-SNE (the Geometry library's Barnes–Hut t-SNE): one fit of the reference level's images together with their
/// captions; t-SNE has no transform, so every other level's images are fitted on their own, started from the
/// reference level's positions of the same images, which keeps the maps comparable so drift can be seen.
/// </summary>
public sealed class TsneProjection(TsneOptions options) : IProjectionMethod
{
    /// <summary>t-SNE with scikit-learn 1.2's defaults and cosine distance.</summary>
    public TsneProjection()
        : this(new TsneOptions { Metric = ProjectionMetric.Cosine })
    {
    }

    /// <inheritdoc/>
    public string Name => "tsne";

    /// <inheritdoc/>
    public string Describe(ResultsData data) => string.Create(CultureInfo.InvariantCulture,
        $"t-SNE ({options.Metric.ToString().ToLowerInvariant()}, perplexity {options.Perplexity}, Barnes–Hut, {options.Iterations} iterations) fitted at {data.Reference?.Name}, each other level fitted from the {data.Reference?.Name} positions of the same images");

    /// <inheritdoc/>
    public Dictionary<string, List<ProjectionPoint>> Project(ResultsData data, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (reference, points, keys, columns) = ProjectionInput.GatherReference(data);
        var result = new Dictionary<string, List<ProjectionPoint>>();
        if (keys.Count < 3)
        {
            return result;
        }

        progress?.Report($"t-SNE of {reference.Name}: {keys.Count} points");
        double[] fitted = Tsne.Fit(points, keys.Count, columns, options, progress, cancellationToken);
        result[reference.Name] = ProjectionInput.Place(keys, fitted);
        var start = new Dictionary<(string, int), (double X, double Y)>();
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i].Caption < 0)
            {
                start[(keys[i].Category, keys[i].Row)] = (fitted[2 * i], fitted[(2 * i) + 1]);
            }
        }

        foreach (var level in data.Levels.Skip(1))
        {
            var (others, otherKeys, otherColumns) = ProjectionInput.Gather(data, level.Name, withCaptions: false);
            if (otherKeys.Count < 3 || otherColumns != columns)
            {
                continue;
            }

            // Each image starts where the same image lies in the reference map (an image the reference lacks starts at the origin).
            var initial = new double[2 * otherKeys.Count];
            for (int i = 0; i < otherKeys.Count; i++)
            {
                if (start.TryGetValue((otherKeys[i].Category, otherKeys[i].Row), out var p))
                {
                    (initial[2 * i], initial[(2 * i) + 1]) = p;
                }
            }

            progress?.Report($"t-SNE of {level.Name}, started from the {reference.Name} positions");
            result[level.Name] = ProjectionInput.Place(otherKeys, Tsne.Fit(others, otherKeys.Count, columns, options with { Initial = initial }, progress, cancellationToken));
        }

        return result;
    }
}
