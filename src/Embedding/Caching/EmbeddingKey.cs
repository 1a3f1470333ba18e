namespace ClipGeometry.Embedding.Caching;

/// <summary>What an embedding depends on: the model (hash of its files), the image content (hash of its bytes) and the perturbation.</summary>
/// <param name="ModelHash">Hex SHA-256 of the model's files (<see cref="EmbeddingCache.HashFiles"/>).</param>
/// <param name="ContentHash">Hex SHA-256 of the image file's bytes.</param>
/// <param name="PerturbationKey">The perturbation's <c>CacheKey</c>, or <c>none</c>.</param>
public readonly record struct EmbeddingKey(string ModelHash, string ContentHash, string PerturbationKey);
