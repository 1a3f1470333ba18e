using System.Text.Json.Serialization;

namespace ClipGeometry.Embedding.Categories;

/// <summary>One category and the words that put a caption in it.</summary>
/// <param name="Name">The category's name, e.g. <c>animal</c>.</param>
/// <param name="Keywords">
/// Words or phrases, matched on whole words, case-insensitively; regular plurals (dog → dogs, bus → buses,
/// puppy → puppies, wolf → wolves) match too, irregular ones (man → men) must be listed.
/// </param>
/// <param name="Prompt">The zero-shot prompt for this category; null to use the template with <paramref name="Name"/>.</param>
public sealed record CategoryRule(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords,
    [property: JsonPropertyName("prompt")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Prompt = null);
