using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

// Usage: DistanceBench A.csv B.csv [order] [repeats] [general]. Prints "clipgeo-exact VALUE SECONDS" (best of the
// repeats), then the auction and bottleneck times on the same input. With "general" (for H0 diagrams, all born at
// one value) it also times the general exact solvers, which Compute bypasses there, once each, and says which path
// Compute took.
string a = args[0];
string b = args[1];
double order = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 2;
int repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
bool general = args.Length > 4 && args[4] == "general";
var first = Read(a);
var second = Read(b);

Time("clipgeo-exact", () => WassersteinDistance.Compute(first, second, order), repeats);
Time("clipgeo-auction-0.01", () => WassersteinDistance.Approximate(first, second, 0.01, order).Value, repeats);
Time("clipgeo-bottleneck", () => BottleneckDistance.Compute(first, second), repeats);
if (general)
{
    bool equalBirths = WassersteinDistance.ComputeReportingPath(first, second, order, double.PositiveInfinity, CancellationToken.None).EqualBirths;
    Console.WriteLine($"clipgeo-exact-path {(equalBirths ? "equal-births" : "general")}");
    var pointsA = DiagramPoints.From(first);
    var pointsB = DiagramPoints.From(second);
    Time("clipgeo-general-exact", () => Math.Pow(WassersteinDistance.FiniteCostGeneral(pointsA, pointsB, order, double.PositiveInfinity, CancellationToken.None), 1 / order), 1);
    Time("clipgeo-general-bottleneck", () => BottleneckDistance.FinitePartGeneral(pointsA, pointsB, double.PositiveInfinity, CancellationToken.None), 1);
}

void Time(string name, Func<double> work, int times)
{
    double best = double.PositiveInfinity;
    double value = 0;
    for (int r = 0; r < times; r++)
    {
        var watch = Stopwatch.StartNew();
        value = work();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:R} {best:F4}"));
}

static PersistenceDiagram Read(string path)
{
    var intervals = new List<PersistenceInterval>();
    foreach (string line in File.ReadLines(path).Skip(1))
    {
        string[] parts = line.Split(',');
        intervals.Add(new PersistenceInterval(
            double.Parse(parts[0], CultureInfo.InvariantCulture),
            parts[1] == "inf" ? double.PositiveInfinity : double.Parse(parts[1], CultureInfo.InvariantCulture)));
    }

    return new PersistenceDiagram(1, intervals);
}
