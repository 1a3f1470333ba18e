namespace ClipGeometry.Sweep;

/// <summary>An image or dataset row that the sweep left out, with the reason (results.json's <c>skipped</c>).</summary>
/// <param name="Path">The file (image or captions file), with the line when the issue is tied to one.</param>
/// <param name="Reason">One sentence.</param>
/// <param name="Stage"><c>dataset</c> (loading) or <c>embed</c> (decoding or encoding).</param>
public sealed record SkippedInput(string Path, string Reason, string Stage);
