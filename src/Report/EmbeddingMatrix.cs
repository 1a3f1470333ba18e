namespace ClipGeometry.Report;

/// <summary>Row-major float32 vectors: one category's embeddings at one level, or its caption embeddings.</summary>
/// <param name="Data">rows × columns values, row-major.</param>
/// <param name="Rows">Number of vectors.</param>
/// <param name="Columns">Dimension.</param>
public sealed record EmbeddingMatrix(float[] Data, int Rows, int Columns);
