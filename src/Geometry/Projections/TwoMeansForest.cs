using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A forest of 2-means trees (hierarchical k-means with two centres, as in Muja &amp; Lowe's FLANN, used here to
/// start NN-descent): each tree splits its points recursively by the hyperplane that bisects two of them chosen at
/// random, refined by a few Lloyd iterations of 2-means (the two centres become the means of their sides, as unit
/// vectors for the cosine distance), until a node holds at most the leaf size. A random-projection split bisects
/// two random points only and cuts clusters apart at random; the 2-means refinement moves the hyperplane into the
/// gaps between groups of points, so that a leaf holds whole clusters and the exact search within a leaf finds
/// most true neighbours. Every tree draws from its own seed, so the forest does not depend on the number of
/// threads that build it.
/// </summary>
internal static class TwoMeansForest
{
    /// <summary>Lloyd iterations after the first hyperplane.</summary>
    private const int Refinements = 3;

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
            var normal = new float[points.Columns * 3];
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

            var centreA = normal.AsSpan(points.Columns, points.Columns);
            var centreB = normal.AsSpan(2 * points.Columns, points.Columns);
            var plane = normal.AsSpan(0, points.Columns);
            points.Row(a).CopyTo(centreA);
            points.Row(b).CopyTo(centreB);
            int left = 0;
            for (int pass = 0; pass <= Refinements; pass++)
            {
                if (pass > 0)
                {
                    if (left == 0 || left == count)
                    {
                        break;
                    }

                    centreA.Clear();
                    centreB.Clear();
                    for (int m = s; m < e; m++)
                    {
                        var side = margins[m] > 0 ? centreA : centreB;
                        TensorPrimitives.Add(side, points.Row(members[m]), side);
                    }

                    TensorPrimitives.Multiply(centreA, 1f / left, centreA);
                    TensorPrimitives.Multiply(centreB, 1f / (count - left), centreB);
                }

                if (points.Metric == ProjectionMetric.Cosine)
                {
                    float normA = TensorPrimitives.Norm<float>(centreA), normB = TensorPrimitives.Norm<float>(centreB);
                    if (normA > 0 && normB > 0)
                    {
                        TensorPrimitives.Multiply(centreA, 1f / normA, centreA);
                        TensorPrimitives.Multiply(centreB, 1f / normB, centreB);
                    }
                }

                TensorPrimitives.Subtract(centreA, centreB, plane);
                float offset = points.Metric == ProjectionMetric.Cosine
                    ? 0f
                    : -0.5f * (TensorPrimitives.Dot<float>(centreA, centreA) - TensorPrimitives.Dot<float>(centreB, centreB));
                left = 0;
                for (int m = s; m < e; m++)
                {
                    float margin = TensorPrimitives.Dot<float>(plane, points.Row(members[m])) + offset;
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
