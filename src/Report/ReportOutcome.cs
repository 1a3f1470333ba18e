namespace ClipGeometry.Report;

/// <summary>What <see cref="ReportGenerator.Generate(string, string?, IProjectionMethod?, ReportOptions?, IProgress{string}?, CancellationToken)"/> did.</summary>
/// <param name="Path">The report written.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Problems">The missing or malformed parts the report lists.</param>
/// <param name="ProjectionsWritten">Projection files computed and written, relative to the results directory (e.g. <c>projections/sigma-0.csv</c>).</param>
/// <param name="Found">The entries of the results-directory contract that were found (<see cref="ResultsDirectory.Recognise"/>).</param>
public sealed record ReportOutcome(string Path, long Bytes, IReadOnlyList<string> Problems, IReadOnlyList<string> ProjectionsWritten, IReadOnlyList<string> Found)
{
    /// <summary>Whether the folder held nothing of a results directory (the report then only lists what is missing).</summary>
    public bool FoundNothing => Found.Count == 0;
}
