namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// NN-descent (Dong, Moses &amp; Li 2011): a neighbour of a neighbour is likely a neighbour. From random lists,
/// each round joins every point's sampled new candidates with each other and with its old ones, and keeps the
/// closer pairs. The joins run in parallel over fixed chunks of points into per-chunk lists that are applied in
/// chunk order, and candidate sampling uses hashed priorities, so the graph depends only on the seed, not on the
/// number of threads.
/// </summary>
internal static class NeighborDescent
{
    private const int Chunk = 256;
    private const double Delta = 0.001;

    /// <summary>The <paramref name="others"/> nearest other points of every point (without the point itself).</summary>
    public static (int[] Indices, float[] Distances) Search(MetricPoints points, int others, ulong seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        int n = points.Rows, k = others;
        var indices = new int[n * k];
        var distances = new float[n * k];
        var isNew = new bool[n * k];
        var random = new ProjectionRandom(seed);
        NeighborHeap.Clear(distances, indices);
        for (int i = 0; i < n; i++)
        {
            var rowDistances = distances.AsSpan(i * k, k);
            var rowIndices = indices.AsSpan(i * k, k);
            int filled = 0;
            while (filled < k)
            {
                int j = random.NextInt(n);
                if (j == i || rowIndices.Contains(j))
                {
                    continue;
                }

                NeighborHeap.Push(rowDistances, rowIndices, points.Distance(i, points, j), j);
                filled++;
            }

            isNew.AsSpan(i * k, k).Fill(true);
        }

        int candidates = Math.Min(k, 60);
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

        for (int i = 0; i < n; i++)
        {
            NeighborHeap.Sort(distances.AsSpan(i * k, k), indices.AsSpan(i * k, k));
        }

        return (indices, distances);
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

        // The heap is reordered by the push; the new flags follow their entries by index.
        Span<int> before = stackalloc int[k];
        Span<bool> flags = stackalloc bool[k];
        rowIndices.CopyTo(before);
        isNew.AsSpan(row * k, k).CopyTo(flags);
        NeighborHeap.Push(rowDistances, rowIndices, d, candidate);
        for (int s = 0; s < k; s++)
        {
            int at = before.IndexOf(rowIndices[s]);
            isNew[(row * k) + s] = at < 0 || flags[at];
        }

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
