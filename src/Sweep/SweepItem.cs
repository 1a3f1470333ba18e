namespace ClipGeometry.Sweep;

/// <summary>One sampled image of a sweep, in dataset order.</summary>
/// <param name="Index">Its position in the plan's item list (dataset order).</param>
/// <param name="Name">Its path relative to the dataset root, with '/' separators.</param>
/// <param name="ImagePath">Its full path.</param>
/// <param name="Category">Its category.</param>
/// <param name="Captions">Its captions.</param>
public sealed record SweepItem(int Index, string Name, string ImagePath, string Category, IReadOnlyList<string> Captions);
