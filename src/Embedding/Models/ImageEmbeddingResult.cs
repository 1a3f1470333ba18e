using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.Images;

namespace ClipGeometry.Embedding.Models;

/// <summary>
/// The embeddings of a list of images, in the order given: row i belongs to image i; rows of images that could not be
/// used are zero and <see cref="Succeeded"/> is false for them, their reasons in <see cref="Errors"/>.
/// </summary>
/// <param name="Embeddings">Row-major [n × d], L2-normalised rows (zero rows for failures).</param>
/// <param name="Dimension">d.</param>
/// <param name="Succeeded">Per image: whether its row holds an embedding.</param>
/// <param name="Errors">One record per failed image.</param>
/// <param name="CacheHits">Rows read from the cache.</param>
/// <param name="Computed">Rows computed by the model.</param>
public sealed record ImageEmbeddingResult(float[] Embeddings, int Dimension, bool[] Succeeded, IReadOnlyList<ImageError> Errors, int CacheHits, int Computed)
{
    /// <summary>What these embeddings were made with (pipeline version, model hash, perturbation, decoder, provider, precision).</summary>
    public EmbeddingMetadata? Metadata { get; init; }

    /// <summary>The number of images.</summary>
    public int Count => Succeeded.Length;
}
