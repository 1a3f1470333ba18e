using System.Globalization;
using System.Text;
using System.Text.Json;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Writes barcodes as <c>clipgeo.persistence/1</c> JSON, the form <c>clipgeo distance</c> reads:
/// <c>{"format":"clipgeo.persistence/1","points":…,"metric":…,"threshold":…,"enclosingRadius":…,"maxDimension":…,
/// "coverRadius":…|null,["coverRadiusMetric":"euclidean"|"angular"|"precomputed","bottleneckBound":2·coverRadius,]"diagrams":[{"dimension":k,"intervals":[[birth,death|null],…]}]}</c>; a null death is
/// infinite. Values are single precision and written as the shortest text that reads back to the same value.
/// </summary>
public static class PersistenceJsonWriter
{
    /// <summary>The format tag.</summary>
    public const string FormatName = "clipgeo.persistence/1";

    /// <summary>Writes <paramref name="result"/> as one JSON object and a newline.</summary>
    public static void Write(TextWriter writer, PersistenceResult result, string metric)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("points", result.PointCount);
            json.WriteString("metric", metric);
            json.WritePropertyName("threshold");
            WriteValue(json, result.Threshold);
            json.WritePropertyName("enclosingRadius");
            WriteValue(json, result.EnclosingRadius);
            json.WriteNumber("maxDimension", result.MaxDimension);
            json.WritePropertyName("coverRadius");
            if (result.CoverRadius is { } cover)
            {
                json.WriteNumberValue(cover);
                json.WriteString("coverRadiusMetric", result.CoverRadiusMetric);
                json.WriteNumber("bottleneckBound", 2 * cover);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStartArray("diagrams");
            foreach (var diagram in result.Diagrams)
            {
                json.WriteStartObject();
                json.WriteNumber("dimension", diagram.Dimension);
                json.WriteStartArray("intervals");
                foreach (var (birth, death) in diagram.Intervals)
                {
                    json.WriteStartArray();
                    WriteValue(json, birth);
                    WriteValue(json, death);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, double value)
    {
        if (!double.IsFinite(value))
        {
            json.WriteNullValue();
        }
        else if ((double)(float)value == value)
        {
            json.WriteRawValue(((float)value).ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }
}
