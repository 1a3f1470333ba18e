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

    [Fact]
    public void ManyBatchesOnManyThreadsGiveRowsInOrderWithIncreasingProgress()
    {
        using var temp = TestPaths.Temp();
        string bad = Path.Combine(temp.Path, "bad.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4E, 0x47]);
        string[] images = TinyClipFixture.ImagePaths();
        var paths = Enumerable.Range(0, 23).Select(i => i == 11 ? bad : images[i % images.Length]).ToArray();
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        var reference = new ImageEmbedder(encoder, parallelism: 1).Embed(images);
        var progress = new List<int>();
        var result = new ImageEmbedder(encoder, parallelism: 4).Embed(paths, progress: new SynchronousProgress(progress));

        Assert.Equal(paths.Select(p => p != bad), result.Succeeded);
        for (int i = 0; i < paths.Length; i++)
        {
            float[] expected = i == 11 ? new float[48] : reference.Embeddings.AsSpan((i % images.Length) * 48, 48).ToArray();
            float[] actual = result.Embeddings.AsSpan(i * 48, 48).ToArray();
            Assert.Equal(expected, actual, (a, b) => Math.Abs(a - b) < 1e-6f);
        }

        Assert.Equal(12, progress.Count);
        Assert.Equal(23, progress[^1]);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var paths = Enumerable.Repeat(TinyClipFixture.ImagePaths()[0], 10).ToArray();
        Assert.ThrowsAny<OperationCanceledException>(() => new ImageEmbedder(encoder).Embed(paths, cancellationToken: cancelled.Token));
    }

    private sealed class SynchronousProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
