namespace ClipGeometry.Sweep;

/// <summary>What the text unit records: whether the model has a text tower, its tokenizer's vocabulary source and c.</summary>
/// <param name="HasTextTower">Whether caption embeddings were computed.</param>
/// <param name="Tokenizer">The vocabulary source (files), or null without a text tower.</param>
/// <param name="CaptionsPerImage">c: caption rows per image (an image with fewer captions repeats them cyclically).</param>
public sealed record TextTowerRecord(bool HasTextTower, string? Tokenizer, int CaptionsPerImage);
