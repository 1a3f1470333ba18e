using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Geometry.Subspaces;

// Usage: AnglesBench n d k. Two categories of n random embeddings in R^d (seeded); prints the best-of-3 seconds
// for both category subspaces (top-k right singular vectors, uncentred) plus their principal angles.
int n = int.Parse(args[0], CultureInfo.InvariantCulture);
int d = int.Parse(args[1], CultureInfo.InvariantCulture);
int k = int.Parse(args[2], CultureInfo.InvariantCulture);
var random = new Random(1);
var x = new double[n * d];
var y = new double[n * d];
for (int i = 0; i < x.Length; i++)
{
    x[i] = random.NextDouble() - 0.3;
    y[i] = random.NextDouble() - 0.3;
}

double best = double.PositiveInfinity;
double largest = 0;
for (int r = 0; r < 3; r++)
{
    var watch = Stopwatch.StartNew();
    var a = CategorySubspace.FromEmbeddings(x, n, d, k);
    var b = CategorySubspace.FromEmbeddings(y, n, d, k);
    largest = PrincipalAngles.Between(a, b)[0];
    best = Math.Min(best, watch.Elapsed.TotalSeconds);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clipgeo-subspaces+angles {largest:R} {best:F4}"));
