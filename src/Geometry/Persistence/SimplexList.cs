namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A list of simplices, stored compactly where it can be: while indices fit in 32 bits, as 64-bit keys with the
/// diameter's bits above and the complemented index below (8 bytes a simplex, and keys sort as integers into
/// filtration order); otherwise as <see cref="DiameterIndex"/> values (12 bytes).
/// </summary>
internal readonly struct SimplexList
{
    private readonly ulong[]? _keys;
    private readonly DiameterIndex[]? _items;

    private SimplexList(ulong[]? keys, DiameterIndex[]? items)
    {
        _keys = keys;
        _items = items;
    }

    public static SimplexList Empty => new(null, []);

    public int Length => _keys?.Length ?? _items!.Length;

    public DiameterIndex this[int i] => _keys is { } keys ? Decode(keys[i]) : _items![i];

    /// <summary>True when simplices with indices up to <paramref name="maxIndex"/> fit the compact form.</summary>
    public static bool Compact(long maxIndex) => maxIndex <= uint.MaxValue;

    public static SimplexList FromKeys(ulong[] keys) => new(keys, null);

    public static SimplexList FromItems(DiameterIndex[] items) => new(null, items);

    public static ulong Key(float diameter, long index) => ((ulong)BitConverter.SingleToUInt32Bits(diameter) << 32) | (uint)~(uint)index;

    public static DiameterIndex Decode(ulong key) => new(BitConverter.UInt32BitsToSingle((uint)(key >> 32)), ~(uint)key);

    /// <summary>Sorts into filtration order (diameter ascending, then index descending), two parts in parallel.</summary>
    public void SortAscending(int maxDegreeOfParallelism)
    {
        if (_keys is not { } keys)
        {
            _items.AsSpan().Sort(default(FiltrationOrder));
            return;
        }

        if (keys.Length < 1 << 16 || maxDegreeOfParallelism == 1)
        {
            Array.Sort(keys);
            return;
        }

        // One partition step around a sampled median, then both sides sorted at once.
        var sample = new ulong[255];
        var random = new Random(1);
        for (int s = 0; s < sample.Length; s++)
        {
            sample[s] = keys[random.Next(keys.Length)];
        }

        Array.Sort(sample);
        ulong pivot = sample[sample.Length / 2];
        int low = 0, high = keys.Length - 1;
        while (true)
        {
            while (low <= high && keys[low] < pivot)
            {
                low++;
            }

            while (low <= high && keys[high] >= pivot)
            {
                high--;
            }

            if (low >= high)
            {
                break;
            }

            (keys[low], keys[high]) = (keys[high], keys[low]);
        }

        int split = low;
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => Array.Sort(keys, 0, split),
            () => Array.Sort(keys, split, keys.Length - split));
    }

    private readonly struct FiltrationOrder : IComparer<DiameterIndex>
    {
        public int Compare(DiameterIndex x, DiameterIndex y) => DiameterIndex.CompareFiltration(x, y);
    }
}
