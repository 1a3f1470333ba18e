using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Distances between the points of a cloud under a metric, vectorised across several points at a time from a
/// transposed copy of the cloud (block b, coordinate k, lane l).
/// <para>
/// Euclidean distances are computed exactly as Ripser computes them: single-precision coordinates, squares summed in
/// single precision in coordinate order, then the square root, so that its output is reproduced digit for digit.
/// </para>
/// <para>
/// Cosine and angular distances are computed in double precision from the unit vectors x̂ = x/‖x‖ in the stable
/// forms 1 − cos = ‖x̂ − ŷ‖²/2 and θ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖), which keep their relative precision for
/// near-duplicate points (1 − x̂·ŷ and acos(x̂·ŷ) lose it: angles below about 1e-8 become 0).
/// </para>
/// </summary>
internal sealed class PairwiseDistance
{
    private static readonly int SingleLanes = Vector<float>.Count;
    private static readonly int DoubleLanes = Vector<double>.Count;

    private readonly float[] _single;  // Euclidean: the coordinates in single precision, transposed by blocks of SingleLanes
    private readonly double[] _unit;   // cosine, angular: the unit vectors, transposed by blocks of DoubleLanes
    private readonly int _dimension;
    private readonly DistanceMetric _metric;

    /// <exception cref="ZeroVectorException">Cosine or angular distance and a point is the zero vector.</exception>
    public PairwiseDistance(PointCloud cloud, DistanceMetric metric)
    {
        _dimension = cloud.Dimension;
        _metric = metric;
        _single = [];
        _unit = [];
        int count = cloud.Count;
        var coordinates = cloud.Coordinates;
        if (metric == DistanceMetric.Euclidean)
        {
            _single = new float[(long)Blocks(count, SingleLanes) * _dimension * SingleLanes];
            for (int i = 0; i < count; i++)
            {
                for (int k = 0; k < _dimension; k++)
                {
                    _single[Offset(i, k, SingleLanes)] = (float)coordinates[(i * _dimension) + k];
                }
            }

            return;
        }

        _unit = new double[(long)Blocks(count, DoubleLanes) * _dimension * DoubleLanes];
        for (int i = 0; i < count; i++)
        {
            var row = cloud[i];
            double norm = TensorPrimitives.Norm<double>(row);
            if (norm == 0)
            {
                throw new ZeroVectorException(i, metric);
            }

            for (int k = 0; k < _dimension; k++)
            {
                _unit[Offset(i, k, DoubleLanes)] = row[k] / norm;
            }
        }
    }

    private static int Blocks(int count, int lanes) => (count + lanes - 1) / lanes;

    private long Offset(int i, int k, int lanes) => ((((long)(i / lanes) * _dimension) + k) * lanes) + (i % lanes);

    /// <summary>Writes d(i, j) for j = 0..<paramref name="output"/>.Length − 1 (a row of the lower triangle).</summary>
    public void FillRow(int i, Span<float> output)
    {
        if (_metric == DistanceMetric.Euclidean)
        {
            FillEuclidean(i, output);
            return;
        }

        double[] buffer = ArrayPool<double>.Shared.Rent(output.Length);
        try
        {
            var row = buffer.AsSpan(0, output.Length);
            FillUnit(i, 0, row);
            for (int j = 0; j < row.Length; j++)
            {
                output[j] = (float)row[j];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes d(i, j) for j = <paramref name="start"/>..<paramref name="start"/> + <paramref name="output"/>.Length − 1.</summary>
    public void FillRange(int i, int start, Span<double> output)
    {
        if (_metric != DistanceMetric.Euclidean)
        {
            FillUnit(i, start, output);
            return;
        }

        for (int j = 0; j < output.Length; j++)
        {
            output[j] = Distance(i, start + j);
        }
    }

    /// <summary>d(i, j).</summary>
    public double Distance(int i, int j)
    {
        if (_metric == DistanceMetric.Euclidean)
        {
            float sum = 0f;
            for (int k = 0; k < _dimension; k++)
            {
                float difference = _single[Offset(i, k, SingleLanes)] - _single[Offset(j, k, SingleLanes)];
                sum += difference * difference;
            }

            return MathF.Sqrt(sum);
        }

        Span<double> one = stackalloc double[1];
        FillUnit(i, j, one);
        return one[0];
    }

    private void FillEuclidean(int i, Span<float> output)
    {
        int dimension = _dimension;
        Span<float> x = dimension <= 1024 ? stackalloc float[dimension] : new float[dimension];
        for (int k = 0; k < dimension; k++)
        {
            x[k] = _single[Offset(i, k, SingleLanes)];
        }

        ReadOnlySpan<float> transposed = _single;
        Span<float> lanes = stackalloc float[SingleLanes];
        for (int b = 0; b * SingleLanes < output.Length; b++)
        {
            var sum = Vector<float>.Zero;
            var block = transposed.Slice(b * dimension * SingleLanes, dimension * SingleLanes);
            for (int k = 0; k < dimension; k++)
            {
                var difference = new Vector<float>(x[k]) - new Vector<float>(block.Slice(k * SingleLanes, SingleLanes));
                sum += difference * difference;
            }

            sum = Vector.SquareRoot(sum);
            int start = b * SingleLanes;
            int take = Math.Min(SingleLanes, output.Length - start);
            if (take == SingleLanes)
            {
                sum.CopyTo(output[start..]);
            }
            else
            {
                sum.CopyTo(lanes);
                lanes[..take].CopyTo(output[start..]);
            }
        }
    }

    /// <summary>Cosine or angular distances from point i to points start.. in double precision.</summary>
    private void FillUnit(int i, int start, Span<double> output)
    {
        int dimension = _dimension;
        int lanes = DoubleLanes;
        Span<double> x = dimension <= 512 ? stackalloc double[dimension] : new double[dimension];
        for (int k = 0; k < dimension; k++)
        {
            x[k] = _unit[Offset(i, k, lanes)];
        }

        bool angular = _metric == DistanceMetric.Angular;
        double[]? plusBuffer = angular ? ArrayPool<double>.Shared.Rent(output.Length) : null;
        var plus = angular ? plusBuffer.AsSpan(0, output.Length) : [];
        ReadOnlySpan<double> transposed = _unit;
        Span<double> minusLanes = stackalloc double[lanes];
        Span<double> plusLanes = stackalloc double[lanes];
        int end = start + output.Length;
        for (int b = start / lanes; b * lanes < end; b++)
        {
            var minus = Vector<double>.Zero;
            var sum = Vector<double>.Zero;
            var block = transposed.Slice(b * dimension * lanes, dimension * lanes);
            if (angular)
            {
                for (int k = 0; k < dimension; k++)
                {
                    var xk = new Vector<double>(x[k]);
                    var y = new Vector<double>(block.Slice(k * lanes, lanes));
                    var d = xk - y;
                    var s = xk + y;
                    minus = Vector.FusedMultiplyAdd(d, d, minus);
                    sum = Vector.FusedMultiplyAdd(s, s, sum);
                }
            }
            else
            {
                for (int k = 0; k < dimension; k++)
                {
                    var d = new Vector<double>(x[k]) - new Vector<double>(block.Slice(k * lanes, lanes));
                    minus = Vector.FusedMultiplyAdd(d, d, minus);
                }
            }

            minus.CopyTo(minusLanes);
            sum.CopyTo(plusLanes);
            for (int l = 0; l < lanes; l++)
            {
                int j = (b * lanes) + l;
                if (j >= start && j < end)
                {
                    output[j - start] = minusLanes[l];
                    if (angular)
                    {
                        plus[j - start] = plusLanes[l];
                    }
                }
            }
        }

        if (angular)
        {
            // θ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖), vectorised over the row.
            TensorPrimitives.Sqrt<double>(output, output);
            TensorPrimitives.Sqrt<double>(plus, plus);
            TensorPrimitives.Atan2<double>(output, plus, output);
            TensorPrimitives.Multiply<double>(output, 2.0, output);
            ArrayPool<double>.Shared.Return(plusBuffer!);
        }
        else
        {
            // 1 − cos = ‖x̂ − ŷ‖²/2.
            TensorPrimitives.Multiply<double>(output, 0.5, output);
        }
    }
}
