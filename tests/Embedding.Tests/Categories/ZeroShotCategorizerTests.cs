using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Embedding.Tests.Categories;

public sealed class ZeroShotCategorizerTests
{
    private static readonly EncoderOptions Cpu = new() { Provider = ExecutionProviderPreference.Cpu };

    [Fact]
    public void Each_prompt_embedding_falls_in_its_own_category()
    {
        using var text = new TextEncoder(TinyClipFixture.Directory, Cpu);
        var categorizer = new ZeroShotCategorizer(text, CategoryRules.Default);
        Assert.Equal("a photo of an animal", categorizer.Prompts[0]);
        float[] prompts = text.Encode(categorizer.Prompts);

        string[] names = categorizer.Categorize(prompts, categorizer.Prompts.Count);

        Assert.Equal(CategoryRules.Default.Categories.Select(c => c.Name), names);
    }

    [Fact]
    public void Combine_records_both_assignments_and_their_agreement()
    {
        using var text = new TextEncoder(TinyClipFixture.Directory, Cpu);
        var rules = CategoryRules.Default;
        var categorizer = new ZeroShotCategorizer(text, rules, "a picture of {category}");
        float[] prompts = text.Encode(categorizer.Prompts);
        string first = rules.Categories[0].Name, second = rules.Categories[1].Name;
        float[] images = [.. prompts.AsSpan(0, categorizer.Dimension), .. prompts.AsSpan(categorizer.Dimension, categorizer.Dimension)];

        var assignments = categorizer.Combine([first, first], images);

        Assert.Equal(new CategoryAssignment(first, first, first), assignments[0]);
        Assert.Equal(new CategoryAssignment(first, first, second), assignments[1]);
        Assert.Equal(0.5, CategoryAgreement.Compute(assignments).Rate);
    }

    [Fact]
    public void Embeddings_of_another_width_are_refused()
    {
        using var text = new TextEncoder(TinyClipFixture.Directory, Cpu);
        var categorizer = new ZeroShotCategorizer(text, CategoryRules.Default);
        var e = Assert.Throws<ArgumentException>(() => categorizer.Categorize(new float[512], 1));
        Assert.Contains("same CLIP model", e.Message, StringComparison.Ordinal);
    }
}
