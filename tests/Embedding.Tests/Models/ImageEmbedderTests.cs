using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Embedding.Tests.Models;

public class ImageEmbedderTests
{
    private static readonly EncoderOptions Cpu = new() { Provider = ExecutionProviderPreference.Cpu, BatchSize = 2 };

    [Fact]
    public void SecondRunComesFromTheCacheAndBadImagesAreRecorded()
    {
        using var temp = TestPaths.Temp();
        string bad = Path.Combine(temp.Path, "bad.jpg");
        File.WriteAllText(bad, "not an image");
        string[] images = TinyClipFixture.ImagePaths();
        string[] paths = [images[0], bad, images[1], Path.Combine(temp.Path, "missing.png"), images[2]];
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        var cache = new EmbeddingCache(Path.Combine(temp.Path, "cache"));
        var embedder = new ImageEmbedder(encoder, cache: cache);
        var first = embedder.Embed(paths);
        Assert.Equal([true, false, true, false, true], first.Succeeded);
        Assert.Equal(2, first.Errors.Count);
        Assert.Equal(bad, first.Errors[0].Path);
        Assert.Equal(3, first.Computed);
        Assert.Equal(0, first.CacheHits);
        Assert.All(first.Embeddings.AsSpan(48, 48).ToArray(), v => Assert.Equal(0f, v));

        var second = embedder.Embed(paths);
        Assert.Equal(3, second.CacheHits);
        Assert.Equal(0, second.Computed);
        Assert.Equal(first.Embeddings, second.Embeddings);

        var plain = new ImageEmbedder(encoder).Embed([images[0]]);
        Assert.Equal(first.Embeddings.AsSpan(0, 48).ToArray(), plain.Embeddings);
    }

    [Fact]
    public void BlurChangesTheEmbeddingAndIsCachedSeparately()
    {
        using var temp = TestPaths.Temp();
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        var embedder = new ImageEmbedder(encoder, cache: new EmbeddingCache(temp.Path));
        string[] image = [TinyClipFixture.ImagePaths()[0]];
        var sharp = embedder.Embed(image);
        var blurred = embedder.Embed(image, new GaussianBlur(3));
        Assert.Equal(0, blurred.CacheHits);
        Assert.NotEqual(sharp.Embeddings, blurred.Embeddings);
        Assert.Equal(1, embedder.Embed(image, new GaussianBlur(3)).CacheHits);
        Assert.Equal(1, embedder.Embed(image, new GaussianBlur(0)).CacheHits);
    }
}
