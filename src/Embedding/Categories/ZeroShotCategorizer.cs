using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Embedding.Categories;

/// <summary>
/// Zero-shot categories from a CLIP model: the categories' prompts are embedded once with the model's text
/// tower, then each image goes to the category whose prompt is closest (<see cref="ZeroShotClassifier"/>).
/// Recorded beside the caption-based category, so that the two assignments and their agreement can be reported.
/// </summary>
public sealed class ZeroShotCategorizer
{
    private readonly float[] _promptEmbeddings;

    /// <summary>Embeds the prompts of <paramref name="rules"/> (built from <paramref name="template"/>) with <paramref name="textEncoder"/>.</summary>
    /// <exception cref="ArgumentException">The rules have no category, or the template lacks <c>{category}</c>.</exception>
    public ZeroShotCategorizer(TextEncoder textEncoder, CategoryRules rules, string template = ZeroShotClassifier.DefaultTemplate)
    {
        ArgumentNullException.ThrowIfNull(textEncoder);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Categories.Count == 0)
        {
            throw new ArgumentException("Zero-shot categories need at least one category rule.", nameof(rules));
        }

        Rules = rules;
        Prompts = ZeroShotClassifier.Prompts(rules, template);
        Dimension = textEncoder.Dimension;
        _promptEmbeddings = textEncoder.Encode(Prompts);
    }

    /// <summary>The categories.</summary>
    public CategoryRules Rules { get; }

    /// <summary>The prompts, one per category in rule order.</summary>
    public IReadOnlyList<string> Prompts { get; }

    /// <summary>The joint embedding dimension.</summary>
    public int Dimension { get; }

    /// <summary>The category of each of <paramref name="imageCount"/> image embeddings (row-major, <see cref="Dimension"/> wide).</summary>
    /// <exception cref="ArgumentException">The embeddings are not <see cref="Dimension"/> wide (another model's, say).</exception>
    public string[] Categorize(ReadOnlySpan<float> imageEmbeddings, int imageCount)
    {
        if (imageEmbeddings.Length != imageCount * Dimension)
        {
            throw new ArgumentException(
                $"{imageCount} image embeddings of the text model's dimension {Dimension} need {imageCount * Dimension} values, not {imageEmbeddings.Length}: were they made by the same CLIP model?",
                nameof(imageEmbeddings));
        }

        return ZeroShotClassifier.AssignNames(imageEmbeddings, imageCount, _promptEmbeddings, Rules, Dimension);
    }

    /// <summary>
    /// Both assignments of each image: the caption-based one (which stays the image's category) and the zero-shot one.
    /// Feed the result to <see cref="CategoryAgreement.Compute"/> for the agreement rate.
    /// </summary>
    public IReadOnlyList<CategoryAssignment> Combine(IReadOnlyList<string> fromCaptions, ReadOnlySpan<float> imageEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(fromCaptions);
        string[] zeroShot = Categorize(imageEmbeddings, fromCaptions.Count);
        var assignments = new CategoryAssignment[fromCaptions.Count];
        for (int i = 0; i < assignments.Length; i++)
        {
            assignments[i] = new CategoryAssignment(fromCaptions[i], fromCaptions[i], zeroShot[i]);
        }

        return assignments;
    }
}
