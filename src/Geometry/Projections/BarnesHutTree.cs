namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A quadtree over a 2-D layout with each cell's point count and centre of mass, for the Barnes–Hut
/// approximation of t-SNE's repulsive forces (van der Maaten 2014, §4.2): a cell whose width w seen from a point
/// at distance d satisfies w / d &lt; θ acts as one point of its total mass at its centre of mass. Cells are
/// stored in flat arrays, children four in a row; identical positions share a leaf.
/// </summary>
internal sealed class BarnesHutTree
{
    private const int MaximumDepth = 48;
    private int[] _firstChild;
    private int[] _count;
    private double[] _massX;
    private double[] _massY;
    private double[] _width;
    private double[] _centreX;
    private double[] _centreY;
    private int[] _leafPoint;
    private int _cells;

    public BarnesHutTree(int points)
    {
        int capacity = Math.Max(16, 4 * points + 8);
        _firstChild = new int[capacity];
        _count = new int[capacity];
        _massX = new double[capacity];
        _massY = new double[capacity];
        _width = new double[capacity];
        _centreX = new double[capacity];
        _centreY = new double[capacity];
        _leafPoint = new int[capacity];
    }

    /// <summary>Rebuilds the tree over <paramref name="y"/> (n × 2, row-major).</summary>
    public void Build(double[] y, int n)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]);
            maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[(2 * i) + 1]);
            maxY = Math.Max(maxY, y[(2 * i) + 1]);
        }

        double width = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-12) * (1 + 1e-9);
        _cells = 0;
        NewCell((minX + maxX) / 2, (minY + maxY) / 2, width);
        for (int i = 0; i < n; i++)
        {
            Insert(y, i);
        }

        for (int c = 0; c < _cells; c++)
        {
            if (_count[c] > 0)
            {
                _massX[c] /= _count[c];
                _massY[c] /= _count[c];
            }
        }
    }

    /// <summary>
    /// The repulsion on point i: adds Σ_j q_ijZ² (y_i − y_j) to (fx, fy) and returns Σ_{j≠i} q_ijZ, where
    /// q_ijZ = 1 / (1 + ‖y_i − y_j‖²), with far cells summarised.
    /// </summary>
    public double Repulsion(double xi, double yi, double thetaSquared, Span<int> stack, out double fx, out double fy)
    {
        fx = 0;
        fy = 0;
        double sum = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int c = stack[--top];
            int count = _count[c];
            if (count == 0)
            {
                continue;
            }

            double dx = xi - _massX[c], dy = yi - _massY[c];
            double d2 = (dx * dx) + (dy * dy);
            bool leaf = _firstChild[c] < 0;
            if (leaf || _width[c] * _width[c] < thetaSquared * d2)
            {
                if (d2 == 0)
                {
                    sum += count - 1; // the point itself and its duplicates: q = 1, no force
                    continue;
                }

                double q = 1 / (1 + d2);
                double mass = count * q;
                sum += mass;
                mass *= q;
                fx += mass * dx;
                fy += mass * dy;
                continue;
            }

            int first = _firstChild[c];
            for (int child = 0; child < 4; child++)
            {
                stack[top++] = first + child;
            }
        }

        return sum;
    }

    private int NewCell(double x, double y, double width)
    {
        if (_cells == _count.Length)
        {
            int capacity = 2 * _cells;
            Array.Resize(ref _firstChild, capacity);
            Array.Resize(ref _count, capacity);
            Array.Resize(ref _massX, capacity);
            Array.Resize(ref _massY, capacity);
            Array.Resize(ref _width, capacity);
            Array.Resize(ref _centreX, capacity);
            Array.Resize(ref _centreY, capacity);
            Array.Resize(ref _leafPoint, capacity);
        }

        int c = _cells++;
        _firstChild[c] = -1;
        _count[c] = 0;
        _massX[c] = 0;
        _massY[c] = 0;
        _width[c] = width;
        _centreX[c] = x;
        _centreY[c] = y;
        _leafPoint[c] = -1;
        return c;
    }

    private void Insert(double[] y, int i)
    {
        double px = y[2 * i], py = y[(2 * i) + 1];
        int c = 0;
        for (int depth = 0; ; depth++)
        {
            _count[c]++;
            _massX[c] += px;
            _massY[c] += py;
            if (_firstChild[c] < 0)
            {
                int resident = _leafPoint[c];
                if (resident < 0)
                {
                    _leafPoint[c] = i;
                    return;
                }

                if ((y[2 * resident] == px && y[(2 * resident) + 1] == py) || depth >= MaximumDepth)
                {
                    return; // a duplicate: the leaf's count and mass carry it
                }

                Split(c);
                int target = Child(c, y[2 * resident], y[(2 * resident) + 1]);
                _count[target] = _count[c] - 1;
                _massX[target] = _massX[c] - px;
                _massY[target] = _massY[c] - py;
                _leafPoint[target] = resident;
                _leafPoint[c] = -1;
            }

            c = Child(c, px, py);
        }
    }

    private void Split(int c)
    {
        double half = _width[c] / 2, quarter = half / 2;
        int first = NewCell(_centreX[c] - quarter, _centreY[c] - quarter, half);
        NewCell(_centreX[c] + quarter, _centreY[c] - quarter, half);
        NewCell(_centreX[c] - quarter, _centreY[c] + quarter, half);
        NewCell(_centreX[c] + quarter, _centreY[c] + quarter, half);
        _firstChild[c] = first;
    }

    private int Child(int c, double x, double y) => _firstChild[c] + (x >= _centreX[c] ? 1 : 0) + (y >= _centreY[c] ? 2 : 0);
}
