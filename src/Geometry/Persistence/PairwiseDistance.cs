using System.Numerics;
using System.Numerics.Tensors;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Distances between the points of a cloud under a metric. Euclidean distances are computed exactly as Ripser
/// computes them (single-precision coordinates, squares summed in single precision in coordinate order, then the
/// square root), so that its output can be reproduced digit for digit; the summation is vectorised across eight
/// or sixteen points at a time from a transposed copy of the cloud. Cosine and angular distances are computed in
/// double precision.
/// </summary>
internal sealed class PairwiseDistance
{
    private static readonly int Lanes = Vector<float>.Count;

    private readonly double[] _points;
    private readonly float[] _transposed; // block b, coordinate k, lane l at ((b * dimension) + k) * Lanes + l
    private readonly double[] _norms;
    private readonly int _dimension;
    private readonly int _count;
    private readonly DistanceMetric _metric;

    public PairwiseDistance(PointCloud cloud, DistanceMetric metric)
    {
        _dimension = cloud.Dimension;
        _count = cloud.Count;
        _metric = metric;
        _norms = [];
        _points = [];
        _transposed = [];
        if (metric == DistanceMetric.Euclidean)
        {
            var coordinates = cloud.Coordinates;
            int blocks = (_count + Lanes - 1) / Lanes;
            _transposed = new float[(long)blocks * _dimension * Lanes];
            for (int i = 0; i < _count; i++)
            {
                int b = i / Lanes, l = i % Lanes;
                for (int k = 0; k < _dimension; k++)
                {
                    _transposed[(((long)b * _dimension) + k) * Lanes + l] = (float)coordinates[(i * _dimension) + k];
                }
            }

            return;
        }

        _points = cloud.Coordinates.ToArray();
        _norms = new double[cloud.Count];
        for (int i = 0; i < cloud.Count; i++)
        {
            _norms[i] = TensorPrimitives.Norm<double>(Row(i));
            if (_norms[i] == 0)
            {
                throw new ArgumentException($"Point {i + 1} is the zero vector, whose {metric.ToString().ToLowerInvariant()} distance to other points is undefined.");
            }
        }
    }

    private float SingleAt(int i, int k) => _transposed[((((long)(i / Lanes) * _dimension) + k) * Lanes) + (i % Lanes)];

    private void Single(int i, Span<float> x)
    {
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = SingleAt(i, k);
        }
    }

    private ReadOnlySpan<double> Row(int i) => _points.AsSpan(i * _dimension, _dimension);

    /// <summary>Writes d(i, j) for j = 0..<paramref name="output"/>.Length − 1.</summary>
    public void FillRow(int i, Span<float> output)
    {
        if (_metric != DistanceMetric.Euclidean)
        {
            for (int j = 0; j < output.Length; j++)
            {
                output[j] = (float)Distance(i, j);
            }

            return;
        }

        Span<float> x = _dimension <= 1024 ? stackalloc float[_dimension] : new float[_dimension];
        Single(i, x);
        ReadOnlySpan<float> transposed = _transposed;
        int dimension = _dimension;
        Span<float> lanes = stackalloc float[Lanes];
        for (int b = 0; b * Lanes < output.Length; b++)
        {
            var sum = Vector<float>.Zero;
            var block = transposed.Slice(b * dimension * Lanes, dimension * Lanes);
            for (int k = 0; k < dimension; k++)
            {
                var difference = new Vector<float>(x[k]) - new Vector<float>(block.Slice(k * Lanes, Lanes));
                sum += difference * difference;
            }

            sum = Vector.SquareRoot(sum);
            int start = b * Lanes;
            int take = Math.Min(Lanes, output.Length - start);
            if (take == Lanes)
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

    /// <summary>d(i, j).</summary>
    public double Distance(int i, int j)
    {
        switch (_metric)
        {
            case DistanceMetric.Euclidean:
                {
                    float sum = 0f;
                    for (int k = 0; k < _dimension; k++)
                    {
                        float difference = SingleAt(i, k) - SingleAt(j, k);
                        sum += difference * difference;
                    }

                    return MathF.Sqrt(sum);
                }

            case DistanceMetric.Cosine:
                {
                    double cos = Math.Clamp(TensorPrimitives.Dot<double>(Row(i), Row(j)) / (_norms[i] * _norms[j]), -1.0, 1.0);
                    return Math.Max(0.0, 1.0 - cos);
                }

            default:
                {
                    double cos = Math.Clamp(TensorPrimitives.Dot<double>(Row(i), Row(j)) / (_norms[i] * _norms[j]), -1.0, 1.0);
                    return Math.Acos(cos);
                }
        }
    }
}
