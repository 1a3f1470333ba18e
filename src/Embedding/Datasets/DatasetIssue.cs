namespace ClipGeometry.Embedding.Datasets;

/// <summary>A problem found while loading a dataset that did not stop the load: a malformed caption row, a missing image, a path outside the root.</summary>
/// <param name="File">The file at fault (the captions file, or the image file).</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>; 0 when the issue is not tied to a line.</param>
/// <param name="Reason">One clear sentence.</param>
public sealed record DatasetIssue(string File, int Line, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}, line {Line}: {Reason}" : $"{File}: {Reason}";
}
