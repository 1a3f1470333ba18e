using System.Text.Json;
using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Tests;

/// <summary>
/// Finds <c>../shared/fixtures</c> beside the repository root (the folder holding ClipGeometry.sln) and reads the
/// tiny CLIP model's PyTorch references. Fails with a clear message when the fixtures are missing.
/// </summary>
internal static class TinyClipFixture
{
    private static readonly Lazy<string> Root = new(FindFixtures);

    /// <summary>The fixtures folder (<c>&lt;repo&gt;/../shared/fixtures</c>).</summary>
    public static string FixturesDirectory => Root.Value;

    /// <summary>The tiny CLIP model directory (combined <c>model.onnx</c>, tokenizer, preprocessor config).</summary>
    public static string Directory => Path.Combine(Root.Value, "tiny-clip");

    /// <summary>The separate-encoder layout.</summary>
    public static string SeparateDirectory => Path.Combine(Directory, "separate");

    /// <summary>OpenAI's gzip BPE file.</summary>
    public static string OpenAiVocabulary => Path.Combine(Root.Value, "clip-vocab", "bpe_simple_vocab_16e6.txt.gz");

    public static string[] Captions() => File.ReadAllLines(Path.Combine(Directory, "captions.txt")).Where(l => l.Length > 0).ToArray();

    public static int[][] ReferenceTokens()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "ref_tokens.json")));
        return doc.RootElement.GetProperty("ids").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
    }

    public static string[] ImagePaths()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "ref_images.json")));
        return doc.RootElement.EnumerateArray().Select(v => Path.Combine(Directory, v.GetString()!)).ToArray();
    }

    public static NpyArray Reference(string name) => NpyFile.Read(Path.Combine(Directory, name));

    private static string FindFixtures()
    {
        string fixtures = TestPaths.Fixtures();
        return System.IO.Directory.Exists(Path.Combine(fixtures, "tiny-clip"))
            ? fixtures
            : throw new InvalidOperationException($"The test fixtures are missing: expected {fixtures}/tiny-clip (shared/fixtures beside the repository root).");
    }
}
