using System.Globalization;
using System.Text.Json;

namespace ClipGeometry.Geometry.Tests.Projections;

/// <summary>Golden/projections: scikit-learn's digits and the values of make_golden.py (umap-learn 0.5.3, scikit-learn 1.2.1).</summary>
internal static class ProjectionGolden
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "projections.json"))));
    private static readonly Lazy<float[]> DigitsData = new(ReadDigits);
    private static readonly Lazy<float[]> ClustersData = new(() => ClusteredUnitVectors.Generate(2000));

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden", "projections");

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>1,797 × 64.</summary>
    public static float[] Digits => DigitsData.Value;

    /// <summary>2,000 × 512.</summary>
    public static float[] Clusters => ClustersData.Value;

    private static float[] ReadDigits()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "digits.csv"));
        var data = new List<float>(1797 * 64);
        foreach (var line in lines.Skip(1))
        {
            data.AddRange(line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)));
        }

        return [.. data];
    }
}
