using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Embedding.Tests.Models;

/// <summary>Every embedding run records what its numbers depend on, and the cache keys on all of it.</summary>
public sealed class EmbeddingMetadataTests
{
    private static readonly EncoderOptions Cpu = new() { Provider = ExecutionProviderPreference.Cpu, BatchSize = 2 };

    [Fact]
    public void Results_record_pipeline_model_perturbation_decoder_provider_and_precision()
    {
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        var embedder = new ImageEmbedder(encoder);
        var result = embedder.Embed([TinyClipFixture.ImagePaths()[0]], new JpegQuality(50));
        var metadata = Assert.IsType<EmbeddingMetadata>(result.Metadata);
        Assert.Equal(EmbeddingKey.PipelineVersion, metadata.PipelineVersion);
        Assert.Equal(EmbeddingCache.HashFiles(encoder.HashedFiles), metadata.ModelHash);
        Assert.Equal("jpeg(quality=50)", metadata.Perturbation);
        Assert.StartsWith("libjpeg-turbo ", metadata.ImageDecoder, StringComparison.Ordinal);
        Assert.StartsWith("turbojpeg-", metadata.DecoderKey, StringComparison.Ordinal);
        Assert.Equal("cpu", metadata.ExecutionProvider);
        Assert.Equal("fp32", metadata.Precision);
        string json = metadata.ToJson();
        Assert.Contains("\"pipelineVersion\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"executionProvider\": \"cpu\"", json, StringComparison.Ordinal);
        Assert.Equal("none", embedder.Embed([TinyClipFixture.ImagePaths()[0]], new GaussianBlur(0)).Metadata!.Perturbation);
    }

    [Fact]
    public void A_shared_cache_never_mixes_decoders()
    {
        using var temp = TestPaths.Temp();
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        var cache = new EmbeddingCache(temp.Path);
        string[] jpeg = [TinyClipFixture.ImagePaths()[0]];
        var turbo = new ImageEmbedder(encoder, cache: cache).Embed(jpeg);
        var imageSharpDecoder = new ImageDecoder(new ImageDecoderOptions { JpegDecoding = JpegDecoding.ImageSharp });
        var imageSharp = new ImageEmbedder(encoder, imageSharpDecoder, cache).Embed(jpeg);
        Assert.Equal(0, imageSharp.CacheHits);
        Assert.NotEqual(turbo.Embeddings, imageSharp.Embeddings);
        Assert.NotEqual(turbo.Metadata!.DecoderKey, imageSharp.Metadata!.DecoderKey);
        Assert.Equal(1, new ImageEmbedder(encoder, cache: cache).Embed(jpeg).CacheHits);
    }
}
