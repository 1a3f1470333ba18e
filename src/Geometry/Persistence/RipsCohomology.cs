namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// The reduction of Ripser (Bauer 2021) over Z/2, generic over the complex's coboundary enumerator: dimension 0 by
/// union–find over the sorted edges; dimensions 1..k by reducing the coboundary matrix column by column in
/// reverse filtration order, with implicit coboundaries, clearing, and apparent and emergent pairs taken without
/// reduction. Intervals are produced in Ripser's order.
/// </summary>
internal sealed class RipsCohomology<TCofacets>
    where TCofacets : struct, ICoboundaryEnumerator
{
    private const int ChunkSize = 4096;

    private readonly TCofacets _prototype;
    private readonly BinomialTable _binomial;
    private readonly int _n;
    private readonly float _threshold;
    private readonly int _maxDimension;
    private readonly PersistenceOptions _options;
    private readonly ApparentPairs<TCofacets> _pairs;
    private readonly SimplexHeap _workingCoboundary = new();
    private readonly SimplexHeap _workingReduction = new();
    private TCofacets _cofacets;

    public RipsCohomology(TCofacets cofacets, BinomialTable binomial, float threshold, PersistenceOptions options)
    {
        _prototype = cofacets;
        _cofacets = Clone();
        _binomial = binomial;
        _n = cofacets.VertexCount;
        _threshold = threshold;
        _maxDimension = options.MaxDimension;
        _options = options;
        _pairs = new ApparentPairs<TCofacets>(Clone(), binomial);
    }

    /// <summary>Computes the barcodes of dimensions 0.._maxDimension from the edges of diameter ≤ threshold.</summary>
    public List<PersistenceInterval>[] Run(SimplexList edges)
    {
        var intervals = new List<PersistenceInterval>[_maxDimension + 1];
        for (int d = 0; d <= _maxDimension; d++)
        {
            intervals[d] = [];
        }

        var ct = _options.CancellationToken;
        Report(0, "edges", 0, edges.Length);
        edges.SortAscending(_options.MaxDegreeOfParallelism);
        ct.ThrowIfCancellationRequested();

        var columns = ComputeDimensionZero(edges, intervals[0]);
        SimplexList simplices = _maxDimension >= 2 ? edges : SimplexList.Empty;
        edges = SimplexList.Empty;
        for (int d = 1; d <= _maxDimension; d++)
        {
            var pivots = new Dictionary<long, int>(Math.Max(16, columns.Length / 2));
            ComputePairs(columns, d, pivots, intervals[d]);
            if (d < _maxDimension)
            {
                (columns, simplices) = AssembleColumns(simplices, d + 1, pivots);
            }
        }

        return intervals;
    }

    private TCofacets Clone() => (TCofacets)_prototype.CloneBoxed();

    private void Report(int dimension, string stage, long done, long total) =>
        _options.Progress?.Report(new PersistenceProgress(dimension, stage, done, total));

    private DiameterIndex[] ComputeDimensionZero(SimplexList edges, List<PersistenceInterval> intervals)
    {
        var sets = new UnionFind(_n);
        var cycle = new bool[_maxDimension > 0 ? edges.Length : 0]; // edges that close a cycle: candidate columns of dimension 1
        int cycles = 0;
        for (int e = 0; e < edges.Length; e++)
        {
            var edge = edges[e];
            int i = EdgeTop(edge.Index);
            int j = (int)(edge.Index - EdgeIndex.RowStart(i));
            int u = sets.Find(i), v = sets.Find(j);
            if (u != v)
            {
                if (edge.Diameter != 0)
                {
                    intervals.Add(new PersistenceInterval(0, edge.Diameter));
                }

                sets.Link(u, v);
            }
            else if (_maxDimension > 0)
            {
                cycle[e] = true;
                cycles++;
            }
        }

        for (int i = 0; i < _n; i++)
        {
            if (sets.Find(i) == i)
            {
                intervals.Add(new PersistenceInterval(0, double.PositiveInfinity));
            }
        }

        if (_maxDimension == 0)
        {
            return [];
        }

        // Edges in an apparent pair with a triangle have zero persistence: drop them, in parallel.
        Report(1, "columns", 0, cycles);
        int kept = 0;
        ForEachChunk(edges.Length, (pairs, start, end) =>
        {
            int local = 0;
            for (int k = start; k < end; k++)
            {
                if (cycle[k] && pairs.ZeroApparentCofacet(edges[k], 1).Exists)
                {
                    cycle[k] = false;
                }

                local += cycle[k] ? 1 : 0;
            }

            Interlocked.Add(ref kept, local);
        });

        var columns = new DiameterIndex[kept];
        for (int k = edges.Length - 1, c = 0; k >= 0; k--)
        {
            if (cycle[k])
            {
                columns[c++] = edges[k];
            }
        }

        return columns;
    }

    /// <summary>The larger vertex i of edge {i &gt; j} with index C(i, 2) + j: the largest i with i(i − 1)/2 ≤ index.</summary>
    private static int EdgeTop(long index)
    {
        int i = (int)((1 + Math.Sqrt(1 + (8.0 * index))) / 2);
        while (EdgeIndex.RowStart(i) > index)
        {
            i--;
        }

        while (EdgeIndex.RowStart(i + 1) <= index)
        {
            i++;
        }

        return i;
    }

    private void ForEachChunk(int count, Action<ApparentPairs<TCofacets>, int, int> body)
    {
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = _options.CancellationToken };
        Parallel.For(0, chunks, options, () => new ApparentPairs<TCofacets>(Clone(), _binomial), (chunk, _, pairs) =>
        {
            int start = chunk * ChunkSize;
            body(pairs, start, Math.Min(count, start + ChunkSize));
            return pairs;
        }, static _ => { });
    }

    private (DiameterIndex[] Columns, SimplexList Simplices) AssembleColumns(SimplexList simplices, int dimension, Dictionary<long, int> pivots)
    {
        bool keepSimplices = dimension < _maxDimension;
        int chunks = (simplices.Length + ChunkSize - 1) / ChunkSize;
        var chunkColumns = new List<DiameterIndex>[chunks];
        var chunkSimplices = new List<DiameterIndex>[chunks];
        float threshold = _threshold;
        Report(dimension, "columns", 0, simplices.Length);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = _options.CancellationToken };
        Parallel.For(0, chunks, options, () => (Clone(), new ApparentPairs<TCofacets>(Clone(), _binomial)), (chunk, _, state) =>
        {
            var (cofacets, pairs) = state;
            var columns = new List<DiameterIndex>();
            var next = keepSimplices ? new List<DiameterIndex>() : null;
            int end = Math.Min(simplices.Length, (chunk + 1) * ChunkSize);
            for (int k = chunk * ChunkSize; k < end; k++)
            {
                cofacets.Reset(simplices[k], dimension - 1);
                while (cofacets.TryNext(false, out var cofacet))
                {
                    if (cofacet.Diameter > threshold)
                    {
                        continue;
                    }

                    next?.Add(cofacet);
                    if (!pivots.ContainsKey(cofacet.Index) && !pairs.IsInZeroApparentPair(cofacet, dimension))
                    {
                        columns.Add(cofacet);
                    }
                }
            }

            chunkColumns[chunk] = columns;
            if (next is not null)
            {
                chunkSimplices[chunk] = next;
            }

            return (cofacets, pairs);
        }, static _ => { });

        var allColumns = Concatenate(chunkColumns);
        var allSimplices = keepSimplices ? SimplexList.FromItems(Concatenate(chunkSimplices)) : SimplexList.Empty;
        SortDescending(allColumns);
        return (allColumns, allSimplices);
    }

    private static DiameterIndex[] Concatenate(List<DiameterIndex>[] parts)
    {
        long total = 0;
        foreach (var part in parts)
        {
            total += part.Count;
        }

        if (total > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"The complex has more than {Array.MaxLength} simplices in one dimension; lower the threshold or the dimension.");
        }

        var all = new DiameterIndex[total];
        int at = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            parts[p].CopyTo(all, at);
            at += parts[p].Count;
            parts[p] = null!;
        }

        return all;
    }

    private void ComputePairs(DiameterIndex[] columns, int dimension, Dictionary<long, int> pivots, List<PersistenceInterval> intervals)
    {
        var reduction = new CompressedSparseColumns();
        var ct = _options.CancellationToken;
        _workingCoboundary.Compact = SimplexList.Compact(_binomial[_n, dimension + 2]);
        _workingReduction.Compact = SimplexList.Compact(_binomial[_n, dimension + 1]);
        Report(dimension, "reduction", 0, columns.Length);
        var batch = new PreparedBatch(Math.Clamp((int)((1L << 20) / (12L * Math.Max(1, _n))), 16, 1024));
        for (int i = 0; i < columns.Length; i++)
        {
            if (i == batch.End)
            {
                ct.ThrowIfCancellationRequested();
                Report(dimension, "reduction", i, columns.Length);
                PrepareBatch(batch, columns, i, dimension);
            }

            var column = columns[i];
            _workingReduction.Clear();
            _workingCoboundary.Clear();
            var pivot = InitCoboundaryAndGetPivot(column, dimension, pivots, batch.Columns[i - batch.Start]);
            reduction.AppendColumn();
            while (true)
            {
                if (!pivot.Exists)
                {
                    intervals.Add(new PersistenceInterval(column.Diameter, double.PositiveInfinity));
                    break;
                }

                if (pivots.TryGetValue(pivot.Index, out int other))
                {
                    AddCoboundary(columns[other], dimension);
                    foreach (var entry in reduction.Column(other))
                    {
                        AddCoboundary(entry, dimension);
                    }

                    pivot = _workingCoboundary.GetPivot();
                    continue;
                }

                var facet = _pairs.ZeroApparentFacet(pivot, dimension + 1);
                if (facet.Exists)
                {
                    AddCoboundary(facet, dimension);
                    pivot = _workingCoboundary.GetPivot();
                    continue;
                }

                if (pivot.Diameter > column.Diameter)
                {
                    intervals.Add(new PersistenceInterval(column.Diameter, pivot.Diameter));
                }

                pivots.Add(pivot.Index, i);
                while (true)
                {
                    var entry = _workingReduction.PopPivot();
                    if (!entry.Exists)
                    {
                        break;
                    }

                    reduction.Push(entry);
                }

                break;
            }
        }

        Report(dimension, "reduction", columns.Length, columns.Length);
    }

    /// <summary>
    /// Enumerates, in parallel, the coboundaries of the next columns (which depend on no state of the reduction),
    /// stopping at a column's first zero-persistence cofacet when that has no apparent facet: the likely emergent pair.
    /// </summary>
    private void PrepareBatch(PreparedBatch batch, DiameterIndex[] columns, int start, int dimension)
    {
        int count = Math.Min(batch.Columns.Length, columns.Length - start);
        batch.Start = start;
        batch.End = start + count;
        float threshold = _threshold;
        const int Slice = 16;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism };
        Parallel.For(0, (count + Slice - 1) / Slice, options, () => (Clone(), new ApparentPairs<TCofacets>(Clone(), _binomial)), (slice, _, state) =>
        {
            var (cofacets, pairs) = state;
            int end = Math.Min(count, (slice + 1) * Slice);
            for (int k = slice * Slice; k < end; k++)
            {
                var prepared = batch.Columns[k];
                var column = columns[start + k];
                prepared.Clear();
                bool checkEmergent = true;
                cofacets.Reset(column, dimension);
                while (cofacets.TryNext(true, out var cofacet))
                {
                    if (cofacet.Diameter > threshold)
                    {
                        continue;
                    }

                    prepared.Add(cofacet);
                    if (checkEmergent && cofacet.Diameter == column.Diameter)
                    {
                        checkEmergent = false;
                        if (!pairs.ZeroApparentFacet(cofacet, dimension + 1).Exists)
                        {
                            prepared.Emergent = cofacet;
                            prepared.Complete = false;
                            break;
                        }
                    }
                }
            }

            return (cofacets, pairs);
        }, static _ => { });
    }

    private DiameterIndex InitCoboundaryAndGetPivot(in DiameterIndex column, int dimension, Dictionary<long, int> pivots, PreparedColumn prepared)
    {
        // The first cofacet at the column's own diameter is its pivot; if no earlier column owns it, the pair is emergent.
        if (prepared.Emergent.Exists && !pivots.ContainsKey(prepared.Emergent.Index))
        {
            return prepared.Emergent;
        }

        if (prepared.Complete)
        {
            foreach (var cofacet in prepared.Cofacets)
            {
                _workingCoboundary.Push(cofacet);
            }

            return _workingCoboundary.GetPivot();
        }

        float threshold = _threshold;
        _cofacets.Reset(column, dimension);
        while (_cofacets.TryNext(true, out var cofacet))
        {
            if (cofacet.Diameter <= threshold)
            {
                _workingCoboundary.Push(cofacet);
            }
        }

        return _workingCoboundary.GetPivot();
    }

    /// <summary>The coboundaries of a run of consecutive columns, enumerated ahead of the reduction.</summary>
    private sealed class PreparedBatch(int size)
    {
        public PreparedColumn[] Columns { get; } = Enumerable.Range(0, size).Select(_ => new PreparedColumn()).ToArray();

        public int Start { get; set; }

        public int End { get; set; }
    }

    /// <summary>A column's cofacets within the threshold, and its emergent pivot candidate.</summary>
    private sealed class PreparedColumn
    {
        private DiameterIndex[] _cofacets = new DiameterIndex[16];
        private int _count;

        public DiameterIndex Emergent { get; set; } = DiameterIndex.None;

        /// <summary>False when the enumeration stopped at <see cref="Emergent"/>.</summary>
        public bool Complete { get; set; } = true;

        public ReadOnlySpan<DiameterIndex> Cofacets => _cofacets.AsSpan(0, _count);

        public void Clear()
        {
            _count = 0;
            Emergent = DiameterIndex.None;
            Complete = true;
        }

        public void Add(DiameterIndex cofacet)
        {
            if (_count == _cofacets.Length)
            {
                Array.Resize(ref _cofacets, _cofacets.Length * 2);
            }

            _cofacets[_count++] = cofacet;
        }
    }

    private void AddCoboundary(in DiameterIndex simplex, int dimension)
    {
        _workingReduction.Push(simplex);
        float threshold = _threshold;
        _cofacets.Reset(simplex, dimension);
        while (_cofacets.TryNext(true, out var cofacet))
        {
            if (cofacet.Diameter <= threshold)
            {
                _workingCoboundary.Push(cofacet);
            }
        }
    }

    private static void SortDescending(DiameterIndex[] items) => items.AsSpan().Sort(default(ReverseFiltrationOrder));

    private readonly struct ReverseFiltrationOrder : IComparer<DiameterIndex>
    {
        public int Compare(DiameterIndex x, DiameterIndex y) => DiameterIndex.CompareFiltration(y, x);
    }
}
