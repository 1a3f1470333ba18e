using System.Security.Cryptography;
using System.Text;

namespace ClipGeometry.Embedding.Caching;

/// <summary>
/// Everything an image embedding's numbers depend on: the model (hash of its files), the image (hash of its bytes),
/// the perturbation, the image decoder, the execution provider and its precision, and
/// <see cref="PipelineVersion"/>. Two embeddings with equal keys are equal bit for bit, so a cache or an artifact
/// store may reuse one for the other; anything that changes the numbers changes the key.
/// </summary>
/// <param name="ModelHash">Hex SHA-256 of the model's files (<see cref="EmbeddingCache.HashFiles"/>).</param>
/// <param name="ContentHash">Hex SHA-256 of the image file's bytes.</param>
/// <param name="PerturbationKey">The perturbation's <c>CacheKey</c>, or <c>none</c>.</param>
/// <param name="DecoderKey">The image decoders' identity (<c>ImageDecoder.Key</c>), e.g. <c>turbojpeg-2.1.5-…+imagesharp-2.1.13</c>.</param>
/// <param name="ExecutionProvider">Where the model ran: <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Precision">Its arithmetic: <c>fp32</c>, or <c>tf32</c>.</param>
public readonly record struct EmbeddingKey(string ModelHash, string ContentHash, string PerturbationKey, string DecoderKey, string ExecutionProvider, string Precision)
{
    /// <summary>
    /// The version of the embedding pipeline's numbers (decode, perturb, preprocess, encode). Bumped only when a
    /// change makes the same inputs give different numbers, never for a release alone. 1: ImageSharp decoded JPEGs;
    /// 2: libjpeg-turbo decodes them (PIL's pixels) and jpeg:q re-encodes through it.
    /// </summary>
    public const int PipelineVersion = 2;

    /// <summary>
    /// Everything but the image, in a stable text form:
    /// <c>clipgeo-embedding/2;model=…;perturbation=…;decoder=…;provider=cpu;precision=fp32</c>.
    /// </summary>
    public string Settings => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"clipgeo-embedding/{PipelineVersion};model={ModelHash};perturbation={PerturbationKey};decoder={DecoderKey};provider={ExecutionProvider};precision={Precision}");

    /// <summary>Hex SHA-256 of <see cref="Settings"/>: one value per model, perturbation, decoder and provider.</summary>
    public string SettingsHash => Sha256(Settings);

    /// <summary>Hex SHA-256 of the whole key (<see cref="ToString"/>): a stable name for this one embedding.</summary>
    public string Hash => Sha256(ToString());

    /// <summary>The key of another image under the same settings.</summary>
    public EmbeddingKey ForContent(string contentHash) => this with { ContentHash = contentHash };

    /// <summary>The stable text form: <see cref="Settings"/> then <c>;image=</c> and the content hash.</summary>
    public override string ToString() => Settings + ";image=" + ContentHash;

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
