namespace ClipGeometry.Geometry.Projections;

/// <summary>A weighted graph on n vertices in compressed sparse rows: row i's edges are Columns/Weights[RowStarts[i]..RowStarts[i + 1]], columns ascending.</summary>
internal sealed class SparseGraph(int vertices, int[] rowStarts, int[] columns, double[] weights)
{
    public int Vertices { get; } = vertices;

    public int[] RowStarts { get; } = rowStarts;

    public int[] Columns { get; } = columns;

    public double[] Weights { get; } = weights;

    public int Edges => Columns.Length;

    /// <summary>A graph from (row, column, weight) triples; triples with the same (row, column) are combined by <paramref name="combine"/>, zero weights dropped.</summary>
    public static SparseGraph FromTriples(int vertices, int[] rows, int[] columns, double[] weights, int count, Func<double, double, double> combine)
    {
        var keys = new long[count];
        var order = new int[count];
        for (int e = 0; e < count; e++)
        {
            keys[e] = ((long)rows[e] * vertices) + columns[e];
            order[e] = e;
        }

        Array.Sort(keys, order);
        var starts = new int[vertices + 1];
        var outColumns = new List<int>(count);
        var outWeights = new List<double>(count);
        var outRows = new List<int>(count);
        for (int e = 0; e < count;)
        {
            long key = keys[e];
            double w = weights[order[e]];
            int f = e + 1;
            while (f < count && keys[f] == key)
            {
                w = combine(w, weights[order[f]]);
                f++;
            }

            if (w != 0)
            {
                outRows.Add((int)(key / vertices));
                outColumns.Add((int)(key % vertices));
                outWeights.Add(w);
            }

            e = f;
        }

        foreach (int r in outRows)
        {
            starts[r + 1]++;
        }

        for (int i = 0; i < vertices; i++)
        {
            starts[i + 1] += starts[i];
        }

        return new SparseGraph(vertices, starts, [.. outColumns], [.. outWeights]);
    }

    /// <summary>The graph without the edges lighter than <paramref name="threshold"/>.</summary>
    public SparseGraph Without(double threshold)
    {
        var starts = new int[Vertices + 1];
        var columns = new List<int>(Edges);
        var weights = new List<double>(Edges);
        for (int i = 0; i < Vertices; i++)
        {
            for (int e = RowStarts[i]; e < RowStarts[i + 1]; e++)
            {
                if (Weights[e] >= threshold)
                {
                    columns.Add(Columns[e]);
                    weights.Add(Weights[e]);
                }
            }

            starts[i + 1] = columns.Count;
        }

        return new SparseGraph(Vertices, starts, [.. columns], [.. weights]);
    }

    /// <summary>The connected component of each vertex (numbered from 0 in order of first vertex) and their count.</summary>
    public (int[] Component, int Count) Components()
    {
        var component = new int[Vertices];
        Array.Fill(component, -1);
        var stack = new Stack<int>();
        int count = 0;
        for (int s = 0; s < Vertices; s++)
        {
            if (component[s] >= 0)
            {
                continue;
            }

            component[s] = count;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                for (int e = RowStarts[v]; e < RowStarts[v + 1]; e++)
                {
                    int w = Columns[e];
                    if (component[w] < 0)
                    {
                        component[w] = count;
                        stack.Push(w);
                    }
                }
            }

            count++;
        }

        return (component, count);
    }
}
