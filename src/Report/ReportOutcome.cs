namespace ClipGeometry.Report;

/// <summary>What <see cref="ReportGenerator.Generate"/> did.</summary>
/// <param name="Path">The report written.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Problems">The missing or malformed parts the report lists.</param>
/// <param name="ProjectionsWritten">Levels whose projection was computed and written to <c>projections/</c>.</param>
public sealed record ReportOutcome(string Path, long Bytes, IReadOnlyList<string> Problems, IReadOnlyList<string> ProjectionsWritten);
