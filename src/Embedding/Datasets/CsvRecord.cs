namespace ClipGeometry.Embedding.Datasets;

/// <summary>One CSV record: its fields and the 1-based line it starts on.</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Fields">The fields, unquoted.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
