using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ClipGeometry.Geometry.Subspaces;

// Usage: AnglesBench n d k FOLDER. Reads the two categories of n embeddings in R^d that scipy_angles.py wrote
// (FOLDER/x.f64, FOLDER/y.f64: raw little-endian float64, row-major), so both sides compute on the same data;
// prints the best-of-3 seconds for both category subspaces (top-k right singular vectors, uncentred) plus their
// principal angles, then every angle, ascending, one per line (run.sh compares them with SciPy's).
int n = int.Parse(args[0], CultureInfo.InvariantCulture);
int d = int.Parse(args[1], CultureInfo.InvariantCulture);
int k = int.Parse(args[2], CultureInfo.InvariantCulture);
double[] x = Read(Path.Combine(args[3], "x.f64"), n * d);
double[] y = Read(Path.Combine(args[3], "y.f64"), n * d);

double best = double.PositiveInfinity;
IReadOnlyList<double> angles = [];
for (int r = 0; r < 3; r++)
{
    var watch = Stopwatch.StartNew();
    var a = CategorySubspace.FromEmbeddings(x, n, d, k);
    var b = CategorySubspace.FromEmbeddings(y, n, d, k);
    angles = PrincipalAngles.Between(a, b);
    best = Math.Min(best, watch.Elapsed.TotalSeconds);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clipgeo {best:F4}"));
foreach (double angle in angles.Order())
{
    Console.WriteLine(angle.ToString("R", CultureInfo.InvariantCulture));
}

static double[] Read(string path, int count)
{
    byte[] bytes = File.ReadAllBytes(path);
    if (bytes.Length != count * sizeof(double))
    {
        throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {count * sizeof(double)}.");
    }

    return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
}
