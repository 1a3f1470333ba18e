using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

// Usage: DistanceBench A.csv B.csv [order] [repeats]. Prints "clipgeo-exact VALUE SECONDS" (best of the repeats),
// then the auction and bottleneck times on the same input.
string a = args[0];
string b = args[1];
double order = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 2;
int repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
var first = Read(a);
var second = Read(b);

Time("clipgeo-exact", () => WassersteinDistance.Compute(first, second, order));
Time("clipgeo-auction-0.01", () => WassersteinDistance.Approximate(first, second, 0.01, order).Value);
Time("clipgeo-bottleneck", () => BottleneckDistance.Compute(first, second));

void Time(string name, Func<double> work)
{
    double best = double.PositiveInfinity;
    double value = 0;
    for (int r = 0; r < repeats; r++)
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
