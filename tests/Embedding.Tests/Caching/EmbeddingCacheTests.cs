using ClipGeometry.Embedding.Caching;

namespace ClipGeometry.Embedding.Tests.Caching;

public class EmbeddingCacheTests
{
    private static readonly string Model = new('a', 64);
    private static readonly string Content = EmbeddingCache.HashContent("image bytes"u8);

    [Fact]
    public void EntriesRoundTripAndAreKeyedByAllThreeParts()
    {
        using var temp = TestPaths.Temp();
        var cache = new EmbeddingCache(temp.Path);
        float[] value = [0.6f, -0.8f, 0f];
        var key = new EmbeddingKey(Model, Content, "blur(sigma=3)");
        cache.Put(key, value);
        var read = new float[3];
        Assert.True(cache.TryGet(key, read));
        Assert.Equal(value, read);
        Assert.False(cache.TryGet(key with { PerturbationKey = "blur(sigma=2)" }, read));
        Assert.False(cache.TryGet(key with { ModelHash = new string('b', 64) }, read));
        Assert.False(cache.TryGet(key with { ContentHash = EmbeddingCache.HashContent("other"u8) }, read));
        Assert.False(cache.TryGet(key, new float[4]));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void TruncatedEntryIsAMissAndIsRewritten()
    {
        using var temp = TestPaths.Temp();
        var cache = new EmbeddingCache(temp.Path);
        var key = new EmbeddingKey(Model, Content, "none");
        cache.Put(key, [1f, 2f]);
        string path = cache.EntryPath(key);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..10]);
        var read = new float[2];
        Assert.False(cache.TryGet(key, read));
        cache.Put(key, [3f, 4f]);
        Assert.True(cache.TryGet(key, read));
        Assert.Equal([3f, 4f], read);
    }

    [Fact]
    public void BadKeysAreRejected() =>
        Assert.Throws<ArgumentException>(() => new EmbeddingCache(Path.GetTempPath()).EntryPath(new EmbeddingKey("../../etc", Content, "none")));

    [Fact]
    public void ModelHashDependsOnContent()
    {
        using var temp = TestPaths.Temp();
        string a = Path.Combine(temp.Path, "model.onnx");
        File.WriteAllText(a, "one");
        string h1 = EmbeddingCache.HashFiles([a]);
        File.WriteAllText(a, "two");
        Assert.NotEqual(h1, EmbeddingCache.HashFiles([a]));
        Assert.Equal(64, h1.Length);
    }
}
