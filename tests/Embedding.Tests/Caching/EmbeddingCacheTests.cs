using ClipGeometry.Embedding.Caching;

namespace ClipGeometry.Embedding.Tests.Caching;

public class EmbeddingCacheTests
{
    private static readonly string Model = new('a', 64);
    private static readonly string Content = EmbeddingCache.HashContent("image bytes"u8);

    private static EmbeddingKey Key(string perturbation) =>
        new(Model, Content, perturbation, "turbojpeg-2.1.5-0123456789ab+imagesharp-2.1.13", "cpu", "fp32");

    [Fact]
    public void EntriesRoundTripAndAreKeyedByEveryPart()
    {
        using var temp = TestPaths.Temp();
        var cache = new EmbeddingCache(temp.Path);
        float[] value = [0.6f, -0.8f, 0f];
        var key = Key("blur(sigma=3)");
        cache.Put(key, value);
        var read = new float[3];
        Assert.True(cache.TryGet(key, read));
        Assert.Equal(value, read);
        Assert.False(cache.TryGet(key with { PerturbationKey = "blur(sigma=2)" }, read));
        Assert.False(cache.TryGet(key with { ModelHash = new string('b', 64) }, read));
        Assert.False(cache.TryGet(key with { ContentHash = EmbeddingCache.HashContent("other"u8) }, read));
        Assert.False(cache.TryGet(key with { DecoderKey = "imagesharp-2.1.13" }, read));
        Assert.False(cache.TryGet(key with { ExecutionProvider = "cuda" }, read));
        Assert.False(cache.TryGet(key with { Precision = "tf32" }, read));
        Assert.False(cache.TryGet(key, new float[4]));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void TruncatedEntryIsAMissAndIsRewritten()
    {
        using var temp = TestPaths.Temp();
        var cache = new EmbeddingCache(temp.Path);
        var key = Key("none");
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
        Assert.Throws<ArgumentException>(() => new EmbeddingCache(Path.GetTempPath()).EntryPath(Key("none") with { ModelHash = "../../etc" }));

    [Fact]
    public void KeyHasAStableTextAndHashForm()
    {
        var key = Key("jpeg(quality=50)");
        Assert.Equal(2, EmbeddingKey.PipelineVersion);
        Assert.Equal(
            $"clipgeo-embedding/2;model={Model};perturbation=jpeg(quality=50);decoder=turbojpeg-2.1.5-0123456789ab+imagesharp-2.1.13;provider=cpu;precision=fp32;image={Content}",
            key.ToString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToString()))), key.Hash);
        Assert.Equal(key.SettingsHash, key.ForContent(new string('c', 64)).SettingsHash);
        Assert.NotEqual(key.Hash, key.ForContent(new string('c', 64)).Hash);
        Assert.NotEqual(key.SettingsHash, (key with { Precision = "tf32" }).SettingsHash);
    }

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
