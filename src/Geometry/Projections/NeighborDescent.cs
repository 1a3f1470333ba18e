namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// NN-descent (Dong, Charikar &amp; Li 2011) started from exact search within the leaves of two 2-means trees
/// (<see cref="TwoMeansForest"/>; leaves of at most n/8 and at most 16,384 points, each searched by the blocked
/// kernel of <see cref="ExactNeighborSearch"/>, which computes a distance far faster than one dot product at a time).
/// Each round then joins every point's sampled new candidates (its neighbours and reverse neighbours not yet joined,
/// at most 2k of each kind by hashed priority) with each other and with its old ones, and keeps the closer pairs,
/// until fewer than δ·n·k lists change. The working lists hold 3k neighbours and the k nearest are returned. On
/// clouds of high intrinsic dimension (clustered unit vectors in R^512, the noise as long as the centre) neighbours
/// of neighbours help little, and a random-projection start with leaf pairs reached only 0.89 at 50,000 points;
/// the 2-means leaves hold whole clusters when a cluster fits in a leaf, and the joins repair the rest. Trees draw
/// from their own seeds, leaves are searched one after another (each in parallel over its rows), the joins run
/// in parallel over fixed chunks of points into per-chunk lists that are applied in chunk order, and candidate
/// sampling uses hashed priorities, so the graph depends only on the seed: the number of threads changes the speed, not the result.
/// </summary>
internal static class NeighborDescent
{
    private const int Chunk = 256;

    /// <summary>2-means trees whose leaves are searched exactly to start the lists.</summary>
    private const int Trees = 2;

    /// <summary>A leaf holds at most this fraction of the points (and at most <see cref="MaxLeaf"/>).</summary>
    private const int LeafFraction = 8;
    private const int MaxLeaf = 16384;

    /// <summary>The working lists hold this many times the neighbours asked for; the nearest are returned.</summary>
    private const int WorkingFactor = 3;
    private const double Delta = 0.001;

    /// <summary>The <paramref name="others"/> nearest other points of every point (without the point itself).</summary>
    public static (int[] Indices, float[] Distances) Search(MetricPoints points, int others, ulong seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        int n = points.Rows, k = Math.Min(n - 1, WorkingFactor * others);
        var indices = new int[n * k];
        var distances = new float[n * k];
        var isNew = new bool[n * k];
        NeighborHeap.Clear(distances, indices);
        int leafSize = Math.Clamp(n / LeafFraction, 2 * (k + 1), MaxLeaf);
        var (members, offsets) = TwoMeansForest.Leaves(points, Trees, leafSize, seed, cancellationToken);
        int leaves = offsets.Length - 1;
        progress?.Report($"nearest neighbours (NN-descent): {Trees} 2-means trees, {leaves} leaves of at most {leafSize} points");

        // Leaf by leaf: each exact search runs in parallel over its own rows, and one leaf's copy is held at a time.
        for (int leaf = 0; leaf < leaves; leaf++)
        {
            var leafMembers = members.AsSpan(offsets[leaf], offsets[leaf + 1] - offsets[leaf]);
            if (leafMembers.Length < 2)
            {
                continue;
            }

            var cloud = points.Subset(leafMembers);
            var graph = ExactNeighborSearch.Search(cloud, cloud, Math.Min(k, leafMembers.Length - 1), skipSelf: true, null, cancellationToken);
            for (int a = 0; a < graph.Rows; a++)
            {
                var found = graph.IndicesOf(a);
                var near = graph.DistancesOf(a);
                for (int s = 0; s < found.Length; s++)
                {
                    Insert(distances, indices, isNew, k, leafMembers[a], leafMembers[found[s]], near[s]);
                }
            }
        }

        var random = new ProjectionRandom(seed);
        for (int i = 0; i < n; i++)
        {
            var rowDistances = distances.AsSpan(i * k, k);
            var rowIndices = indices.AsSpan(i * k, k);
            while (rowIndices.Contains(-1))
            {
                int j = random.NextInt(n);
                if (j != i && !rowIndices.Contains(j))
                {
                    NeighborHeap.Push(rowDistances, rowIndices, points.Distance(i, points, j), j);
                }
            }

            isNew.AsSpan(i * k, k).Fill(true);
        }

        int candidates = Math.Min(60, 2 * others);
        int rounds = Math.Max(10, (int)Math.Round(Math.Log2(n)) + 2);
        var newCandidates = new int[n * candidates];
        var newPriority = new ulong[n * candidates];
        var oldCandidates = new int[n * candidates];
        var oldPriority = new ulong[n * candidates];
        int chunks = (n + Chunk - 1) / Chunk;
        var updates = new List<(int P, int Q, float D)>[chunks];
        for (int round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ulong roundSeed = ProjectionRandom.Mix(seed ^ ((ulong)(round + 1) * 0xD1B54A32D192ED03UL));
            newCandidates.AsSpan().Fill(-1);
            oldCandidates.AsSpan().Fill(-1);
            newPriority.AsSpan().Fill(ulong.MaxValue);
            oldPriority.AsSpan().Fill(ulong.MaxValue);
            for (int i = 0; i < n; i++)
            {
                for (int s = 0; s < k; s++)
                {
                    int j = indices[(i * k) + s];
                    if (j < 0)
                    {
                        continue;
                    }

                    ulong priority = ProjectionRandom.Mix(roundSeed ^ (((ulong)(uint)i << 32) | (uint)j));
                    bool fresh = isNew[(i * k) + s];
                    var (list, priorities) = fresh ? (newCandidates, newPriority) : (oldCandidates, oldPriority);
                    Offer(list.AsSpan(i * candidates, candidates), priorities.AsSpan(i * candidates, candidates), j, priority);
                    Offer(list.AsSpan(j * candidates, candidates), priorities.AsSpan(j * candidates, candidates), i, priority);
                }
            }

            for (int i = 0; i < n; i++)
            {
                var sampled = newCandidates.AsSpan(i * candidates, candidates);
                for (int s = 0; s < k; s++)
                {
                    if (isNew[(i * k) + s] && sampled.Contains(indices[(i * k) + s]))
                    {
                        isNew[(i * k) + s] = false;
                    }
                }
            }

            var thresholds = new float[n];
            for (int i = 0; i < n; i++)
            {
                thresholds[i] = distances[i * k];
            }

            Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, c =>
            {
                var found = new List<(int P, int Q, float D)>();
                int end = Math.Min(n, (c + 1) * Chunk);
                for (int u = c * Chunk; u < end; u++)
                {
                    var fresh = newCandidates.AsSpan(u * candidates, candidates);
                    var old = oldCandidates.AsSpan(u * candidates, candidates);
                    for (int a = 0; a < fresh.Length; a++)
                    {
                        int p = fresh[a];
                        if (p < 0)
                        {
                            continue;
                        }

                        for (int b = a + 1; b < fresh.Length; b++)
                        {
                            Join(points, p, fresh[b], thresholds, found);
                        }

                        for (int b = 0; b < old.Length; b++)
                        {
                            Join(points, p, old[b], thresholds, found);
                        }
                    }
                }

                updates[c] = found;
            });

            long changed = 0;
            foreach (var list in updates)
            {
                foreach (var (p, q, d) in list)
                {
                    changed += Insert(distances, indices, isNew, k, p, q, d) + Insert(distances, indices, isNew, k, q, p, d);
                }
            }

            progress?.Report($"nearest neighbours (NN-descent): round {round + 1}, {changed} updates");
            if (changed <= Delta * n * k)
            {
                break;
            }
        }

        var resultIndices = new int[n * others];
        var resultDistances = new float[n * others];
        for (int i = 0; i < n; i++)
        {
            NeighborHeap.Sort(distances.AsSpan(i * k, k), indices.AsSpan(i * k, k));
            indices.AsSpan(i * k, others).CopyTo(resultIndices.AsSpan(i * others));
            distances.AsSpan(i * k, others).CopyTo(resultDistances.AsSpan(i * others));
        }

        return (resultIndices, resultDistances);
    }

    private static void Join(MetricPoints points, int p, int q, float[] thresholds, List<(int P, int Q, float D)> found)
    {
        if (q < 0 || q == p)
        {
            return;
        }

        float d = points.Distance(p, points, q);
        if (d < thresholds[p] || d < thresholds[q])
        {
            found.Add((p, q, d));
        }
    }

    private static int Insert(float[] distances, int[] indices, bool[] isNew, int k, int row, int candidate, float d)
    {
        var rowDistances = distances.AsSpan(row * k, k);
        var rowIndices = indices.AsSpan(row * k, k);
        if (!(d < rowDistances[0]) || rowIndices.Contains(candidate))
        {
            return 0;
        }

        NeighborHeap.Push(rowDistances, rowIndices, d, candidate, isNew.AsSpan(row * k, k));
        return 1;
    }

    /// <summary>Keeps, in a fixed-size list, the entries of smallest priority (a bottom-k sample that does not depend on the order of offers).</summary>
    private static void Offer(Span<int> list, Span<ulong> priorities, int value, ulong priority)
    {
        int worst = 0;
        for (int s = 0; s < list.Length; s++)
        {
            if (list[s] == value)
            {
                return;
            }

            if (priorities[s] > priorities[worst])
            {
                worst = s;
            }
        }

        if (priority < priorities[worst])
        {
            list[worst] = value;
            priorities[worst] = priority;
        }
    }
}
