namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Binomial coefficients C(n, k) for n ≤ <see cref="MaxN"/> and k ≤ <see cref="MaxK"/>, the weights of the
/// combinatorial number system that indexes simplices. Built with checked arithmetic: a table whose entries
/// would not fit in 64 bits is refused with <see cref="OverflowException"/> instead of wrapping.
/// </summary>
internal sealed class BinomialTable
{
    private readonly long[] _table; // row k holds C(0..MaxN, k)
    private readonly int _stride;

    /// <summary>Builds C(n, k) for 0 ≤ n ≤ <paramref name="maxN"/>, 0 ≤ k ≤ <paramref name="maxK"/>.</summary>
    /// <exception cref="OverflowException">Some C(n, k) in the table exceeds 2^63 − 1.</exception>
    public BinomialTable(int maxN, int maxK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxN);
        ArgumentOutOfRangeException.ThrowIfNegative(maxK);
        MaxN = maxN;
        MaxK = maxK;
        _stride = maxN + 1;
        _table = new long[(long)(maxK + 1) * _stride > int.MaxValue ? throw new OverflowException("The binomial table is too large.") : (maxK + 1) * _stride];
        for (int n = 0; n <= maxN; n++)
        {
            _table[n] = 1;
        }

        for (int k = 1; k <= maxK; k++)
        {
            int row = k * _stride;
            int previous = (k - 1) * _stride;
            _table[row] = 0;
            for (int n = 1; n <= maxN; n++)
            {
                long value = _table[previous + n - 1] + _table[row + n - 1];
                if (value < 0 || value < _table[row + n - 1])
                {
                    throw new OverflowException(
                        $"Simplex indices overflow 64 bits: C({n}, {k}) is larger than 2^63 − 1, so simplices of dimension {k - 1} " +
                        $"on {maxN} points cannot be numbered. Lower the homology dimension, or use fewer points (a greedy subsample) or a sparser complex.");
                }

                _table[row + n] = value;
            }
        }
    }

    /// <summary>The largest n in the table.</summary>
    public int MaxN { get; }

    /// <summary>The largest k in the table.</summary>
    public int MaxK { get; }

    /// <summary>The table row by row: C(n, k) at k · <see cref="Stride"/> + n.</summary>
    internal long[] Flat => _table;

    /// <summary>The length of one row of <see cref="Flat"/>.</summary>
    internal int Stride => _stride;

    /// <summary>C(n, k); zero when k &gt; n.</summary>
    public long this[int n, int k] => _table[(k * _stride) + n];
}
