using System.Numerics.Tensors;

namespace ClipGeometry.Embedding.Categories;

/// <summary>
/// Zero-shot categories, CLIP's way: each category is described by a prompt (<see cref="DefaultTemplate"/> with
/// its name, or the rule's own prompt), and an image goes to the category whose prompt embedding has the
/// largest cosine similarity with the image embedding. Pure functions; the embeddings come from the encoders.
/// </summary>
public static class ZeroShotClassifier
{
    /// <summary>The default prompt template; <c>{category}</c> is replaced by the category's name.</summary>
    public const string DefaultTemplate = "a photo of a {category}";

    /// <summary>The prompts for the categories of <paramref name="rules"/>, in rule order.</summary>
    /// <exception cref="ArgumentException">The template lacks <c>{category}</c>.</exception>
    public static string[] Prompts(CategoryRules rules, string template = DefaultTemplate)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains("{category}", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The prompt template '{template}' must contain '{{category}}'.", nameof(template));
        }

        return rules.Categories.Select(r => r.Prompt ?? template.Replace("{category}", r.Name, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>
    /// For each of the <paramref name="imageCount"/> image embeddings (row-major, <paramref name="dimension"/>
    /// wide) the index of the closest of the prompt embeddings by cosine similarity. Embeddings need not be
    /// normalised. An image with a zero or non-finite embedding gets −1.
    /// </summary>
    public static int[] Assign(ReadOnlySpan<float> images, int imageCount, ReadOnlySpan<float> prompts, int promptCount, int dimension)
    {
        if (imageCount < 0 || promptCount <= 0 || dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(promptCount), "Need at least one prompt and a positive dimension.");
        }

        if (images.Length != imageCount * dimension || prompts.Length != promptCount * dimension)
        {
            throw new ArgumentException(
                $"Expected {imageCount}×{dimension} image and {promptCount}×{dimension} prompt values, got {images.Length} and {prompts.Length}.");
        }

        var promptNorms = new float[promptCount];
        for (int p = 0; p < promptCount; p++)
        {
            promptNorms[p] = TensorPrimitives.Norm(prompts.Slice(p * dimension, dimension));
        }

        var result = new int[imageCount];
        for (int i = 0; i < imageCount; i++)
        {
            var image = images.Slice(i * dimension, dimension);
            int best = -1;
            float bestScore = float.NegativeInfinity;
            for (int p = 0; p < promptCount; p++)
            {
                // The image's norm is common to all prompts: compare dot / |prompt|.
                float score = TensorPrimitives.Dot(image, prompts.Slice(p * dimension, dimension)) / promptNorms[p];
                if (float.IsFinite(score) && score > bestScore)
                {
                    (best, bestScore) = (p, score);
                }
            }

            result[i] = TensorPrimitives.Norm(image) > 0 ? best : -1;
        }

        return result;
    }

    /// <summary><see cref="Assign"/>, with category names (the catch-all for −1).</summary>
    public static string[] AssignNames(ReadOnlySpan<float> images, int imageCount, ReadOnlySpan<float> prompts, CategoryRules rules, int dimension)
    {
        ArgumentNullException.ThrowIfNull(rules);
        int[] indices = Assign(images, imageCount, prompts, rules.Categories.Count, dimension);
        var names = new string[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            names[i] = indices[i] < 0 ? rules.Other : rules.Categories[indices[i]].Name;
        }

        return names;
    }
}
