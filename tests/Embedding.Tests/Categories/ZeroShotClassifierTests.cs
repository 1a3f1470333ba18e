using ClipGeometry.Embedding.Categories;

namespace ClipGeometry.Embedding.Tests.Categories;

public sealed class ZeroShotClassifierTests
{
    [Fact]
    public void Prompts_use_the_template_or_the_rules_own_prompt()
    {
        var prompts = ZeroShotClassifier.Prompts(CategoryRules.Default);
        Assert.Equal(["a photo of an animal", "a photo of sport", "a photo of a vehicle", "a photo of a person", "a photo of nature"], prompts);

        // A rule's own prompt wins over the template; vehicle has none, so it takes the template.
        var custom = ZeroShotClassifier.Prompts(CategoryRules.Default, "an image of {category}");
        Assert.Equal("a photo of an animal", custom[0]);
        Assert.Equal("an image of vehicle", custom[2]);
        Assert.Throws<ArgumentException>(() => ZeroShotClassifier.Prompts(CategoryRules.Default, "no placeholder"));
    }

    [Fact]
    public void Picks_the_prompt_with_the_largest_cosine_not_the_largest_dot()
    {
        float[] prompts = [10, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 1];
        float[] images = [1, 0.9f, 0, /**/ 0.1f, 0, 2, /**/ 0, 0, 0];
        int[] assigned = ZeroShotClassifier.Assign(images, 3, prompts, 3, 3);
        Assert.Equal([0, 2, -1], assigned);

        float[] images2 = [0.5f, 1, 0];
        Assert.Equal([1], ZeroShotClassifier.Assign(images2, 1, prompts, 3, 3)); // dot favours prompt 0, cosine prompt 1
    }

    [Fact]
    public void Agreement_counts_only_images_categorised_both_ways()
    {
        CategoryAssignment[] assignments =
        [
            new("a", "animal", "animal"),
            new("b", "animal", "human"),
            new("c", "vehicle", "vehicle"),
            new("d", "other", "animal"),
            new("e", "sport", null),
        ];
        var agreement = CategoryAgreement.Compute(assignments);
        Assert.Equal(3, agreement.Compared);
        Assert.Equal(2, agreement.Agreed);
        Assert.Equal(2.0 / 3, agreement.Rate, 12);
        Assert.Equal(3, agreement.Confusion.Count);
        Assert.Equal(("animal", "human"), agreement.Confusion[1].Key);
        Assert.True(double.IsNaN(CategoryAgreement.Compute([]).Rate));
    }

    [Fact]
    public void Mismatched_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ZeroShotClassifier.Assign(new float[5], 2, new float[6], 2, 3));
    }
}
