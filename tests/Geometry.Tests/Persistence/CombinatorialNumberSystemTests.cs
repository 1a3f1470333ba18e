using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

public sealed class CombinatorialNumberSystemTests
{
    [Fact]
    public void Binomial_table_holds_pascals_triangle()
    {
        var table = new BinomialTable(60, 5);
        Assert.Equal(1, table[0, 0]);
        Assert.Equal(0, table[3, 4]);
        Assert.Equal(1_770, table[60, 2]);
        Assert.Equal(5_461_512, table[60, 5]);
    }

    [Fact]
    public void Overflow_is_reported_not_wrapped()
    {
        var e = Assert.Throws<OverflowException>(() => new BinomialTable(70, 40));
        Assert.Contains("overflow", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Simplex_indices_decode_to_their_vertices()
    {
        var table = new BinomialTable(30, 4);
        Span<int> vertices = stackalloc int[3];
        long index = 0;
        for (int a = 2; a < 30; a++)
        {
            for (int b = 1; b < a; b++)
            {
                for (int c = 0; c < b; c++)
                {
                    long expected = table[a, 3] + table[b, 2] + table[c, 1];
                    SimplexVertices.Decode(expected, 2, 30, table, vertices);
                    Assert.Equal([a, b, c], vertices.ToArray());
                    index++;
                }
            }
        }

        Assert.Equal(table[30, 3], index);
    }

    [Fact]
    public void Greedy_permutation_starts_at_zero_and_takes_the_farthest_point()
    {
        var line = new PointCloud([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 11, 1);
        var (indices, cover, _) = GreedyPermutation.Select(line, DistanceMetric.Euclidean, 3);
        Assert.Equal([0, 10, 5], indices);
        Assert.Equal(2.0, cover, 6);
    }

    [Fact]
    public void Union_find_merges_sets()
    {
        var sets = new UnionFind(4);
        sets.Link(sets.Find(0), sets.Find(1));
        sets.Link(sets.Find(2), sets.Find(3));
        Assert.Equal(sets.Find(0), sets.Find(1));
        Assert.NotEqual(sets.Find(1), sets.Find(2));
    }
}
