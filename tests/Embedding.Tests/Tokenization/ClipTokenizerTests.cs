using ClipGeometry.Embedding.Tokenization;

namespace ClipGeometry.Embedding.Tests.Tokenization;

public class ClipTokenizerTests
{
    private static readonly Lazy<ClipTokenizer> HuggingFace = new(() => ClipTokenizer.FromHuggingFace(
        Path.Combine(TinyClipFixture.Directory, "vocab.json"), Path.Combine(TinyClipFixture.Directory, "merges.txt")));

    private static readonly Lazy<ClipTokenizer> OpenAi = new(() => ClipTokenizer.FromOpenAiMerges(TinyClipFixture.OpenAiVocabulary));

    [Fact]
    public void HuggingFaceFilesGiveTheReferenceIds() => AssertReference(HuggingFace.Value);

    [Fact]
    public void OpenAiMergesFileGivesTheReferenceIds() => AssertReference(OpenAi.Value);

    [Fact]
    public void BothSourcesBuildTheSameVocabulary()
    {
        Assert.Equal(49408, HuggingFace.Value.VocabularySize);
        Assert.Equal(49408, OpenAi.Value.VocabularySize);
        Assert.Equal(49406, OpenAi.Value.StartId);
        Assert.Equal(49407, OpenAi.Value.EndId);
    }

    [Fact]
    public void LongTextIsCutTo77WithTheEndTokenLast()
    {
        string text = string.Join(' ', Enumerable.Repeat("photograph of a dog", 60));
        int[] ids = HuggingFace.Value.Encode(text);
        Assert.Equal(77, ids.Length);
        Assert.Equal(49406, ids[0]);
        Assert.Equal(49407, ids[^1]);
        Assert.Equal(ids, OpenAi.Value.Encode(text));
    }

    [Fact]
    public void EmptyTextIsStartAndEnd() => Assert.Equal([49406, 49407], HuggingFace.Value.Encode("   "));

    [Fact]
    public void NormalisationUnescapesTwiceCollapsesWhitespaceAndLowerCases() =>
        Assert.Equal("a & b c", ClipTokenizer.Normalize("  A &amp;amp; B \t\n C "));

    [Fact]
    public void PaddedEncodingHasAttentionMask()
    {
        var ids = new long[77];
        var mask = new long[77];
        int n = HuggingFace.Value.EncodePadded("a photo of a dog", ids, mask);
        Assert.Equal(7, n);
        Assert.Equal(49407, ids[6]);
        Assert.Equal(0, ids[7]);
        Assert.Equal(1, mask[6]);
        Assert.Equal(0, mask[7]);
    }

    [Fact]
    public void MalformedMergesFileIsReportedWithItsLine()
    {
        string dir = Directory.CreateTempSubdirectory("clipgeo-tok").FullName;
        try
        {
            File.Copy(Path.Combine(TinyClipFixture.Directory, "vocab.json"), Path.Combine(dir, "vocab.json"));
            File.WriteAllLines(Path.Combine(dir, "merges.txt"), ["#version: 0.2", "i n", "oops"]);
            var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromDirectory(dir));
            Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void DirectoryWithoutVocabularyIsAClearError()
    {
        string dir = Directory.CreateTempSubdirectory("clipgeo-tok").FullName;
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromDirectory(dir));
            Assert.Contains("vocab.json", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void AssertReference(ClipTokenizer tokenizer)
    {
        string[] captions = TinyClipFixture.Captions();
        int[][] reference = TinyClipFixture.ReferenceTokens();
        Assert.Equal(reference.Length, captions.Length);
        for (int i = 0; i < captions.Length; i++)
        {
            Assert.True(reference[i].SequenceEqual(tokenizer.Encode(captions[i])),
                $"caption {i} '{captions[i]}': expected [{string.Join(' ', reference[i])}], got [{string.Join(' ', tokenizer.Encode(captions[i]))}]");
        }
    }
}
