using ClipGeometry.Geometry;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Deterministic sampling: every image gets a pseudo-random rank from (seed, image name), images are taken in
/// rank order while their category is under the cap and the sample under its size, and the sample is returned
/// in the dataset's order. The rank depends only on the seed and the name, so adding or reordering other
/// images does not change which of these images are drawn before which.
/// </summary>
public static class DatasetSampler
{
    /// <summary>Draws the sample from <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative.</exception>
    public static List<DatasetItem> Sample(IReadOnlyList<DatasetItem> items, DatasetSampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxItems < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxItems, "The sample size must not be negative.");
        }

        if (options.PerCategoryCap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PerCategoryCap, "The per-category cap must not be negative.");
        }

        ulong seed = SplitMix64.Mix(unchecked((ulong)options.Seed) ^ 0x5DEECE66DUL);
        var candidates = new List<(ulong Rank, int Index)>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (!options.IncludeOther && string.Equals(items[i].Category, options.OtherCategory, StringComparison.Ordinal))
            {
                continue;
            }

            candidates.Add((SplitMix64.Mix(seed ^ SplitMix64.Hash(items[i].Name)), i));
        }

        candidates.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Index.CompareTo(b.Index));
        int limit = options.MaxItems ?? int.MaxValue;
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<int>();
        foreach (var (_, index) in candidates)
        {
            if (chosen.Count >= limit)
            {
                break;
            }

            string key = items[index].Category ?? string.Empty;
            perCategory.TryGetValue(key, out int taken);
            if (taken >= (options.PerCategoryCap ?? int.MaxValue))
            {
                continue;
            }

            perCategory[key] = taken + 1;
            chosen.Add(index);
        }

        chosen.Sort();
        var sample = new List<DatasetItem>(chosen.Count);
        foreach (int index in chosen)
        {
            sample.Add(items[index]);
        }

        return sample;
    }
}
