using System.Globalization;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Writes barcodes in the text layout of Ripser 1.2.1, byte for byte where Ripser would run: its header lines,
/// then <c>persistence intervals in dim k:</c> and one <c> [b,d)</c> or <c> [b, )</c> line per interval, numbers as
/// C++ streams print floats (six significant digits, <c>%g</c> style), so that <c>diff</c> against Ripser works.
/// </summary>
public static class RipserTextWriter
{
    /// <summary>Writes one line per diagram heading and interval (zero-length intervals never reach here).</summary>
    public static void WriteDiagrams(TextWriter writer, PersistenceResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var diagram in result.Diagrams)
        {
            writer.Write("persistence intervals in dim ");
            writer.Write(diagram.Dimension.ToString(CultureInfo.InvariantCulture));
            writer.Write(":\n");
            foreach (var (birth, death) in diagram.Intervals)
            {
                writer.Write(" [");
                writer.Write(FormatFloat(birth));
                writer.Write(',');
                writer.Write(double.IsPositiveInfinity(death) ? " )" : FormatFloat(death) + ")");
                writer.Write('\n');
            }
        }
    }

    /// <summary>A single-precision value as C++ <c>std::cout &lt;&lt; float</c> prints it (<c>%g</c>, precision 6).</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        string scientific = value.ToString("E5", CultureInfo.InvariantCulture);
        int e = scientific.IndexOf('E', StringComparison.Ordinal);
        int exponent = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= 6)
        {
            string mantissa = TrimZeros(scientific[..e]);
            return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
        }

        return TrimZeros(value.ToString("F" + (5 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string TrimZeros(string text)
    {
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        text = text.TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
