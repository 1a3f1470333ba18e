using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A forest of random-projection trees (Dasgupta &amp; Freund 2008, as pynndescent initialises NN-descent): each
/// tree splits its points recursively by the hyperplane that bisects two of them chosen at random (through the
/// origin for the cosine distance, whose points are unit vectors; through their midpoint for the Euclidean one),
/// until a node holds at most the leaf size. Points in the same leaf are likely near each other, so a leaf's
/// pairs are good first candidates. Every tree draws from its own seed, so the forest does not depend on the
/// number of threads that build it.
/// </summary>
internal static class RandomProjectionForest
{
    /// <summary>
    /// The leaves of <paramref name="trees"/> trees, concatenated: leaf l is
    /// <c>members[offsets[l] .. offsets[l + 1]]</c>.
    /// </summary>
    public static (int[] Members, int[] Offsets) Leaves(MetricPoints points, int trees, int leafSize, ulong seed, CancellationToken cancellationToken)
    {
        var perTree = new (int[] Members, List<int> Ends)[trees];
        Parallel.For(0, trees, new ParallelOptions { CancellationToken = cancellationToken }, t =>
        {
            var random = new ProjectionRandom(ProjectionRandom.Mix(seed ^ ((ulong)(t + 1) * 0xA24BAED4963EE407UL)));
            var members = new int[points.Rows];
            for (int i = 0; i < members.Length; i++)
            {
                members[i] = i;
            }

            var ends = new List<int>();
            var normal = new float[points.Columns];
            var margins = new float[points.Rows];
            var scratch = new int[points.Rows];
            Split(points, members, 0, members.Length, leafSize, random, normal, margins, scratch, ends);
            perTree[t] = (members, ends);
        });

        var offsets = new List<int> { 0 };
        var all = new int[(long)trees * points.Rows];
        for (int t = 0; t < trees; t++)
        {
            perTree[t].Members.CopyTo(all, t * points.Rows);
            foreach (int end in perTree[t].Ends)
            {
                offsets.Add((t * points.Rows) + end);
            }
        }

        return (all, offsets.ToArray());
    }

    /// <summary>Splits <c>members[start .. end]</c> in place, depth first, appending each leaf's end to <paramref name="ends"/>.</summary>
    private static void Split(MetricPoints points, int[] members, int start, int end, int leafSize, ProjectionRandom random, float[] normal, float[] margins, int[] scratch, List<int> ends)
    {
        var stack = new Stack<(int Start, int End)>();
        stack.Push((start, end));
        while (stack.Count > 0)
        {
            var (s, e) = stack.Pop();
            int count = e - s;
            if (count <= leafSize)
            {
                ends.Add(e);
                continue;
            }

            int a = members[s + random.NextInt(count)];
            int b = members[s + random.NextInt(count - 1)];
            if (b == a)
            {
                b = members[e - 1];
            }

            var rowA = points.Row(a);
            var rowB = points.Row(b);
            TensorPrimitives.Subtract(rowA, rowB, normal);
            float offset = points.Metric == ProjectionMetric.Cosine
                ? 0f
                : -0.5f * (TensorPrimitives.Dot<float>(normal, rowA) + TensorPrimitives.Dot<float>(normal, rowB));
            int left = 0;
            for (int m = s; m < e; m++)
            {
                float margin = TensorPrimitives.Dot<float>(normal, points.Row(members[m])) + offset;
                margins[m] = margin;
                if (margin > 0 || (margin == 0 && (random.NextULong() & 1) == 0))
                {
                    margins[m] = 1f;
                    left++;
                }
                else
                {
                    margins[m] = -1f;
                }
            }

            if (left == 0 || left == count)
            {
                // A degenerate hyperplane (duplicate points): split at random in halves.
                left = count / 2;
                for (int m = s; m < e; m++)
                {
                    margins[m] = -1f;
                }

                for (int placed = 0; placed < left;)
                {
                    int m = s + random.NextInt(count);
                    if (margins[m] < 0)
                    {
                        margins[m] = 1f;
                        placed++;
                    }
                }
            }

            int l = s, r = s + left;
            for (int m = s; m < e; m++)
            {
                scratch[margins[m] > 0 ? l++ : r++] = members[m];
            }

            Array.Copy(scratch, s, members, s, count);
            stack.Push((s + left, e));
            stack.Push((s, s + left));
        }
    }
}
