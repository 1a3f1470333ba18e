namespace ClipGeometry.Embedding.Categories;

/// <summary>Both category assignments of one image.</summary>
/// <param name="Name">The image's name in the dataset.</param>
/// <param name="FromCaptions">The category from its captions (keyword rules).</param>
/// <param name="ZeroShot">The category from the model (closest prompt); null when no model was given.</param>
public sealed record CategoryAssignment(string Name, string FromCaptions, string? ZeroShot);
