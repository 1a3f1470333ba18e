using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// Exact k-nearest-neighbour search by blocked matrix products: the reference points are transposed into panels
/// of <see cref="Vector{T}.Count"/> points, and a register-tiled kernel computes the dot products of four query
/// rows with two panels at a time (eight vector accumulators, fused multiply–adds), block by block so that a block
/// of references stays in cache while a block of queries passes over it. Query blocks run in parallel; every row's
/// result depends only on its own arithmetic, so the graph is the same for any number of threads.
/// </summary>
internal static class ExactNeighborSearch
{
    private const int QueryBlock = 64;
    private const int QueryGroup = 4;
    private static readonly int Lanes = Vector<float>.Count;

    /// <summary>
    /// The <paramref name="neighbors"/> nearest reference points of every query; with <paramref name="skipSelf"/>
    /// (queries and references the same cloud), query i never lists reference i.
    /// </summary>
    public static NeighborGraph Search(MetricPoints references, MetricPoints queries, int neighbors, bool skipSelf, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        int columns = references.Columns;
        int tile = 2 * Lanes;
        int referenceCount = references.Rows;
        int paddedReferences = (referenceCount + tile - 1) / tile * tile;
        var panels = Transpose(references, paddedReferences);
        int referenceBlock = Math.Max(tile, (int)(131072L / (4L * columns)) / tile * tile);

        var indices = new int[(long)queries.Rows * neighbors];
        var distances = new float[indices.Length];
        int blocks = (queries.Rows + QueryBlock - 1) / QueryBlock;
        int done = 0, lastReported = 0;
        var gate = new object();
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, () => new float[QueryBlock * columns], (block, _, queryBuffer) =>
        {
            int first = block * QueryBlock;
            int count = Math.Min(QueryBlock, queries.Rows - first);
            int padded = (count + QueryGroup - 1) / QueryGroup * QueryGroup;
            queries.Data.AsSpan(first * columns, count * columns).CopyTo(queryBuffer);
            queryBuffer.AsSpan(count * columns, (padded - count) * columns).Clear();
            var heapDistances = distances.AsSpan(first * neighbors, count * neighbors);
            var heapIndices = indices.AsSpan(first * neighbors, count * neighbors);
            NeighborHeap.Clear(heapDistances, heapIndices);
            Span<float> dots = stackalloc float[QueryGroup * 2 * Vector<float>.Count];
            for (int r0 = 0; r0 < paddedReferences; r0 += referenceBlock)
            {
                int r1 = Math.Min(paddedReferences, r0 + referenceBlock);
                for (int g = 0; g < padded; g += QueryGroup)
                {
                    for (int r = r0; r < r1; r += tile)
                    {
                        Kernel(queryBuffer, g * columns, panels, r * columns, columns, dots);
                        for (int q = 0; q < QueryGroup && g + q < count; q++)
                        {
                            int query = first + g + q;
                            var rowDistances = heapDistances.Slice((g + q) * neighbors, neighbors);
                            var rowIndices = heapIndices.Slice((g + q) * neighbors, neighbors);
                            int limit = Math.Min(tile, referenceCount - r);
                            for (int l = 0; l < limit; l++)
                            {
                                int reference = r + l;
                                if (skipSelf && reference == query)
                                {
                                    continue;
                                }

                                float d = queries.FromDot(dots[(q * tile) + l], query, references, reference);
                                if (d < rowDistances[0])
                                {
                                    NeighborHeap.Push(rowDistances, rowIndices, d, reference);
                                }
                            }
                        }
                    }
                }
            }

            for (int q = 0; q < count; q++)
            {
                NeighborHeap.Sort(heapDistances.Slice(q * neighbors, neighbors), heapIndices.Slice(q * neighbors, neighbors));
            }

            if (progress is not null)
            {
                lock (gate)
                {
                    done++;
                    int tenth = done * 10 / blocks;
                    if (tenth > lastReported)
                    {
                        lastReported = tenth;
                        progress.Report($"nearest neighbours: {tenth * 10}%");
                    }
                }
            }

            return queryBuffer;
        }, _ => { });
        return new NeighborGraph(queries.Rows, neighbors, indices, distances);
    }

    /// <summary>Reference point p, coordinate c at ((p / Lanes) · columns + c) · Lanes + p % Lanes; padding points are zero.</summary>
    private static float[] Transpose(MetricPoints points, int padded)
    {
        int columns = points.Columns;
        var panels = new float[(long)padded * columns];
        for (int p = 0; p < points.Rows; p++)
        {
            var row = points.Row(p);
            long panel = (long)(p / Lanes) * columns * Lanes;
            int lane = p % Lanes;
            for (int c = 0; c < columns; c++)
            {
                panels[panel + ((long)c * Lanes) + lane] = row[c];
            }
        }

        return panels;
    }

    /// <summary>Dots of the four query rows at <paramref name="queryOffset"/> with the two panels at <paramref name="panelOffset"/>: dots[q · 2L + l].</summary>
    private static void Kernel(float[] queries, int queryOffset, float[] panels, int panelOffset, int columns, Span<float> dots)
    {
        ref float q0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(queries), queryOffset);
        ref float q1 = ref Unsafe.Add(ref q0, columns);
        ref float q2 = ref Unsafe.Add(ref q1, columns);
        ref float q3 = ref Unsafe.Add(ref q2, columns);
        ref float a = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(panels), panelOffset);
        ref float b = ref Unsafe.Add(ref a, columns * Lanes);
        Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector<float> s20 = default, s21 = default, s30 = default, s31 = default;
        for (int c = 0; c < columns; c++)
        {
            var va = Vector.LoadUnsafe(ref a, (nuint)(c * Lanes));
            var vb = Vector.LoadUnsafe(ref b, (nuint)(c * Lanes));
            var x = new Vector<float>(Unsafe.Add(ref q0, c));
            s00 = Vector.FusedMultiplyAdd(x, va, s00);
            s01 = Vector.FusedMultiplyAdd(x, vb, s01);
            x = new Vector<float>(Unsafe.Add(ref q1, c));
            s10 = Vector.FusedMultiplyAdd(x, va, s10);
            s11 = Vector.FusedMultiplyAdd(x, vb, s11);
            x = new Vector<float>(Unsafe.Add(ref q2, c));
            s20 = Vector.FusedMultiplyAdd(x, va, s20);
            s21 = Vector.FusedMultiplyAdd(x, vb, s21);
            x = new Vector<float>(Unsafe.Add(ref q3, c));
            s30 = Vector.FusedMultiplyAdd(x, va, s30);
            s31 = Vector.FusedMultiplyAdd(x, vb, s31);
        }

        int l = Lanes;
        s00.CopyTo(dots);
        s01.CopyTo(dots[l..]);
        s10.CopyTo(dots[(2 * l)..]);
        s11.CopyTo(dots[(3 * l)..]);
        s20.CopyTo(dots[(4 * l)..]);
        s21.CopyTo(dots[(5 * l)..]);
        s30.CopyTo(dots[(6 * l)..]);
        s31.CopyTo(dots[(7 * l)..]);
    }
}
