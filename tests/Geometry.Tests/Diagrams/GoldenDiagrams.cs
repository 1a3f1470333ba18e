using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Diagrams;

/// <summary>Reads Golden/metrics/diagram_distances.json (made by make_golden.py with GUDHI 3.7 and SciPy).</summary>
internal static class GoldenDiagrams
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", "metrics", "diagram_distances.json");
        return JsonDocument.Parse(File.ReadAllText(path));
    });

    public static IEnumerable<JsonElement> Cases => Document.Value.RootElement.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static PersistenceDiagram Diagram(JsonElement points)
    {
        var intervals = new List<PersistenceInterval>();
        foreach (var p in points.EnumerateArray())
        {
            double birth = Value(p[0]);
            double death = p[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : Value(p[1]);
            intervals.Add(new PersistenceInterval(birth, death));
        }

        return new PersistenceDiagram(1, intervals);
    }

    private static double Value(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, var text => throw new InvalidDataException(text) }
        : value.GetDouble();

    public static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() == "inf" ? double.PositiveInfinity : value.GetDouble();

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        if (double.IsPositiveInfinity(expected))
        {
            Assert.True(double.IsPositiveInfinity(actual), $"{what}: expected +inf, got {actual:R}");
            return;
        }

        double tolerance = (relative * Math.Abs(expected)) + 1e-300;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R})");
    }
}
