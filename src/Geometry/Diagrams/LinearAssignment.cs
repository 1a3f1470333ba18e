namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// Exact minimum-cost perfect assignment on a dense square cost matrix by shortest augmenting paths
/// (Jonker and Volgenant 1987, "A shortest augmenting path algorithm for dense and sparse linear assignment
/// problems"): for each free row a Dijkstra search over reduced costs, with all columns at the current minimum
/// distance scanned as a group, column prices updated lazily, and early exit at the first free column.
/// Entries may be +∞ (forbidden) as long as a finite perfect assignment exists.
/// </summary>
internal static class LinearAssignment
{
    /// <summary>Solves the n × n problem; returns the column assigned to each row.</summary>
    public static int[] Solve(ReadOnlySpan<double> cost, int n, CancellationToken cancellationToken = default)
    {
        if (cost.Length != (long)n * n)
        {
            throw new ArgumentException($"A {n} × {n} cost matrix needs {(long)n * n} entries, not {cost.Length}.", nameof(cost));
        }

        var rowToColumn = new int[n];
        var columnToRow = new int[n];
        Array.Fill(rowToColumn, -1);
        Array.Fill(columnToRow, -1);
        var price = new double[n];
        var distance = new double[n];
        var predecessor = new int[n];
        var columns = new int[n];

        // Column reduction: the cheapest entry of each column sets its price; assign greedily where rows are free.
        for (int j = 0; j < n; j++)
        {
            double best = double.PositiveInfinity;
            int bestRow = -1;
            for (int i = 0; i < n; i++)
            {
                double c = cost[(i * n) + j];
                if (c < best)
                {
                    best = c;
                    bestRow = i;
                }
            }

            price[j] = double.IsFinite(best) ? best : 0;
            if (bestRow >= 0 && rowToColumn[bestRow] < 0)
            {
                rowToColumn[bestRow] = j;
                columnToRow[j] = bestRow;
            }
        }

        for (int free = 0; free < n; free++)
        {
            if (rowToColumn[free] >= 0)
            {
                continue;
            }

            if ((free & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Augment(cost, n, free, rowToColumn, columnToRow, price, distance, predecessor, columns);
        }

        return rowToColumn;
    }

    private static void Augment(
        ReadOnlySpan<double> cost, int n, int free, int[] rowToColumn, int[] columnToRow,
        double[] price, double[] distance, int[] predecessor, int[] columns)
    {
        var freeRow = cost.Slice(free * n, n);
        for (int j = 0; j < n; j++)
        {
            distance[j] = freeRow[j] - price[j];
            predecessor[j] = free;
            columns[j] = j;
        }

        // columns[0..ready) are final, columns[ready..scan) sit at the current minimum, columns[scan..n) are still open.
        int ready = 0;
        int scan = 0;
        int finalCount = 0;
        double minimum = 0;
        int end = -1;
        while (end < 0)
        {
            if (ready == scan)
            {
                finalCount = ready;
                minimum = double.PositiveInfinity;
                for (int k = scan; k < n; k++)
                {
                    int j = columns[k];
                    double d = distance[j];
                    if (d <= minimum)
                    {
                        if (d < minimum)
                        {
                            minimum = d;
                            scan = ready;
                        }

                        columns[k] = columns[scan];
                        columns[scan++] = j;
                    }
                }

                if (double.IsPositiveInfinity(minimum))
                {
                    throw new InvalidOperationException("The assignment problem has no finite perfect assignment.");
                }

                for (int k = ready; k < scan; k++)
                {
                    if (columnToRow[columns[k]] < 0)
                    {
                        end = columns[k];
                        break;
                    }
                }

                if (end >= 0)
                {
                    break;
                }
            }

            int column = columns[ready++];
            int row = columnToRow[column];
            var rowCost = cost.Slice(row * n, n);
            double offset = rowCost[column] - price[column] - minimum;
            for (int k = scan; k < n; k++)
            {
                int j = columns[k];
                double reduced = rowCost[j] - price[j] - offset;
                if (reduced < distance[j])
                {
                    distance[j] = reduced;
                    predecessor[j] = row;
                    if (reduced == minimum)
                    {
                        if (columnToRow[j] < 0)
                        {
                            end = j;
                            break;
                        }

                        columns[k] = columns[scan];
                        columns[scan++] = j;
                    }
                }
            }
        }

        for (int k = 0; k < finalCount; k++)
        {
            int j = columns[k];
            price[j] += distance[j] - minimum;
        }

        while (true)
        {
            int row = predecessor[end];
            columnToRow[end] = row;
            int next = rowToColumn[row];
            rowToColumn[row] = end;
            if (row == free)
            {
                break;
            }

            end = next;
        }
    }
}
