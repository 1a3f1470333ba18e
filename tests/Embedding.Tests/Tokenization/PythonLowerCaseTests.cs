using System.Text.Json;
using ClipGeometry.Embedding.Tokenization;

namespace ClipGeometry.Embedding.Tests.Tokenization;

/// <summary>
/// CLIP lower-cases with Python's <c>str.lower()</c>: the goldens (Golden/lowercase/lower.json, written by
/// src/Embedding/Tokenization/make_lowercase_table.py with Python 3.11) hold final sigmas, İ, titlecase digraphs,
/// scripts outside the BMP and case-ignorable marks between letters.
/// </summary>
public class PythonLowerCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("lowercase", "lower.json")));
        var data = new TheoryData<string, string>();
        foreach (var item in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("text").GetString()!, item.GetProperty("lower").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LowerCasingEqualsPythons(string text, string python)
    {
        Assert.Equal(python, PythonLowerCase.Lower(text));
        Assert.Equal(python, ClipTokenizer.Normalize(text));
    }

    [Fact]
    public void FinalSigmaAndDottedCapitalIAreWhatPythonGives()
    {
        Assert.Equal("οδος", ClipTokenizer.Normalize("ΟΔΟΣ"));
        Assert.Equal("i\u0307stanbul", ClipTokenizer.Normalize("İstanbul"));
        Assert.Equal("σ", ClipTokenizer.Normalize("Σ"));
    }

    [Fact]
    public void AsciiTextIsReturnedUnchangedWhenAlreadyLower()
    {
        const string text = "a photo of a dog, 2 cats.";
        Assert.Same(text, PythonLowerCase.Lower(text));
        Assert.Equal("a photo of a dog", PythonLowerCase.Lower("A PHOTO OF A DOG"));
    }
}
