namespace ClipGeometry.Embedding.Categories;

/// <summary>
/// How often the caption rules and the zero-shot model agree, over the images that both assigned (the
/// caption catch-all and images without a zero-shot category are left out), with the full confusion counts.
/// </summary>
/// <param name="Compared">Images compared.</param>
/// <param name="Agreed">Images with the same category both ways.</param>
/// <param name="Confusion">Counts per (from captions, zero-shot) pair, sorted by the pair.</param>
public sealed record CategoryAgreement(int Compared, int Agreed, IReadOnlyList<KeyValuePair<(string FromCaptions, string ZeroShot), int>> Confusion)
{
    /// <summary>Agreed / Compared; NaN when nothing was compared.</summary>
    public double Rate => Compared == 0 ? double.NaN : (double)Agreed / Compared;

    /// <summary>Computes the agreement of <paramref name="assignments"/>.</summary>
    public static CategoryAgreement Compute(IReadOnlyList<CategoryAssignment> assignments, string other = CategoryRules.DefaultOther)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var counts = new Dictionary<(string, string), int>();
        int compared = 0, agreed = 0;
        foreach (var a in assignments)
        {
            if (a.ZeroShot is null || a.FromCaptions == other)
            {
                continue;
            }

            compared++;
            agreed += a.FromCaptions == a.ZeroShot ? 1 : 0;
            counts[(a.FromCaptions, a.ZeroShot)] = counts.GetValueOrDefault((a.FromCaptions, a.ZeroShot)) + 1;
        }

        var confusion = counts
            .OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => new KeyValuePair<(string FromCaptions, string ZeroShot), int>(kv.Key, kv.Value))
            .ToArray();
        return new CategoryAgreement(compared, agreed, confusion);
    }
}
