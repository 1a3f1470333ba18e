using System.Text.Json;

namespace ClipGeometry.Embedding.Caching;

/// <summary>
/// What a set of image embeddings was made with, recorded beside them (and in <c>results.json</c>): the pipeline
/// version, the model's hash, the perturbation, the decoders (description and key), the execution provider and
/// its precision. The fields of <see cref="EmbeddingKey"/> less the image, plus readable names.
/// </summary>
/// <param name="PipelineVersion"><see cref="EmbeddingKey.PipelineVersion"/>.</param>
/// <param name="ModelHash">Hex SHA-256 of the model's files.</param>
/// <param name="Perturbation">The perturbation's cache key, or <c>none</c>.</param>
/// <param name="ImageDecoder">The decoders, readable, e.g. <c>libjpeg-turbo 2.1.5 (TurboJPEG, TJPF_RGB, …) for JPEGs; ImageSharp 2.1.13 for other formats</c>.</param>
/// <param name="DecoderKey">The decoders' identity in the key.</param>
/// <param name="ExecutionProvider"><c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Precision"><c>fp32</c> or <c>tf32</c>.</param>
public sealed record EmbeddingMetadata(int PipelineVersion, string ModelHash, string Perturbation, string ImageDecoder, string DecoderKey, string ExecutionProvider, string Precision)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // A file, not HTML: "+" in the decoder key stays "+".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The key of the image with content hash <paramref name="contentHash"/> under these settings.</summary>
    public EmbeddingKey KeyFor(string contentHash) => new(ModelHash, contentHash, Perturbation, DecoderKey, ExecutionProvider, Precision);

    /// <summary>The record as indented camelCase JSON (<c>pipelineVersion</c>, <c>modelHash</c>, …).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
