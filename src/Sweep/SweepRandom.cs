using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ClipGeometry.Embedding;

namespace ClipGeometry.Sweep;

/// <summary>
/// The sweep's random choices, each seeded by (sweep seed, unit key) alone, so a unit draws the same subsample
/// whichever silo runs it, however often, and in whatever order units finish.
/// </summary>
public static class SweepRandom
{
    /// <summary>The generator seed of unit <paramref name="key"/> in a sweep seeded <paramref name="seed"/>.</summary>
    public static ulong SeedOf(int seed, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{key}"));
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>A uniformly random permutation of 0..<paramref name="count"/>−1 (Fisher–Yates).</summary>
    public static int[] Permutation(int count, ulong seed)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var random = new SplitMix64(seed);
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)(random.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary><paramref name="size"/> of 0..<paramref name="count"/>−1 drawn without replacement, in increasing order (so rows keep dataset order).</summary>
    public static int[] Subsample(int count, int size, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, count);
        var chosen = Permutation(count, seed)[..size];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The bootstrap subsample size: 80% of the smallest analysed category (at least 2, at most that category).</summary>
    public static int BootstrapSize(int smallestCategory) => Math.Min(smallestCategory, Math.Max(2, (int)Math.Floor(0.8 * smallestCategory)));

    /// <summary>Replicate <paramref name="replicate"/>'s rows of a point set of <paramref name="count"/> points: the same images at every level.</summary>
    public static int[] Replicate(int seed, string category, int replicate, int count, int size) =>
        Subsample(count, Math.Min(size, count), SeedOf(seed, $"replicate/{category}/{replicate}"));

    /// <summary>Two disjoint random halves of a point set (the null baseline of one category), each in increasing order.</summary>
    public static (int[] First, int[] Second) Halves(int seed, string category, int draw, int count)
    {
        var order = Permutation(count, SeedOf(seed, $"null-halves/{category}/{draw}"));
        int half = count / 2;
        var first = order[..half];
        var second = order[half..(2 * half)];
        Array.Sort(first);
        Array.Sort(second);
        return (first, second);
    }
}
