namespace ClipGeometry.Report;

/// <summary>The rows a projection method lays out: a level's images (in category order), then optionally the captions.</summary>
internal static class ProjectionInput
{
    /// <summary>The points of <paramref name="keys"/> at the positions <paramref name="xy"/> (rows × 2).</summary>
    public static List<ProjectionPoint> Place(List<(string Category, int Row, int Caption)> keys, double[] xy) =>
        [.. keys.Select((k, i) => new ProjectionPoint(k.Category, k.Row, k.Caption, xy[2 * i], xy[(2 * i) + 1]))];

    /// <summary>The reference level and its images followed by every caption (the fit of the reference map).</summary>
    /// <exception cref="InvalidOperationException">No level is known.</exception>
    public static (PerturbationLevel Reference, float[] Points, List<(string Category, int Row, int Caption)> Keys, int Columns) GatherReference(ResultsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reference = data.Reference ?? throw new InvalidOperationException("No reference level to fit the projection at.");
        var (points, keys, columns) = Gather(data, reference.Name, withCaptions: true);
        return (reference, points, keys, columns);
    }

    /// <summary>
    /// The images of <paramref name="level"/> in category order (categories whose dimension differs are left out),
    /// then, with <paramref name="withCaptions"/>, every caption embedding; each row's (category, row, caption) key.
    /// </summary>
    public static (float[] Points, List<(string Category, int Row, int Caption)> Keys, int Columns) Gather(ResultsData data, string level, bool withCaptions)
    {
        var keys = new List<(string, int, int)>();
        var rows = new List<float[]>();
        int columns = 0;
        foreach (string category in data.Categories)
        {
            if (!data.Embeddings.TryGetValue((level, category), out var images) || (columns != 0 && images.Columns != columns))
            {
                continue;
            }

            columns = images.Columns;
            rows.Add(images.Data);
            keys.AddRange(Enumerable.Range(0, images.Rows).Select(r => (category, r, -1)));
        }

        if (withCaptions && data.CaptionsPerImage > 0)
        {
            foreach (string category in data.Categories)
            {
                if (data.Texts.TryGetValue(category, out var texts) && texts.Columns == columns)
                {
                    rows.Add(texts.Data);
                    keys.AddRange(Enumerable.Range(0, texts.Rows).Select(t => (category, t / data.CaptionsPerImage, t % data.CaptionsPerImage)));
                }
            }
        }

        return ([.. rows.SelectMany(static r => r)], keys, columns);
    }
}
