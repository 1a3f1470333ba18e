using System.Globalization;

namespace ClipGeometry.Report;

/// <summary>Culture-invariant numbers as the results directory writes and the report shows them.</summary>
public static class ResultsNumbers
{
    /// <summary>Parses a number (<c>inf</c>, <c>-inf</c> allowed); NaN when blank or not a number.</summary>
    public static double Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return double.NaN;
        }

        if (text is "inf" or "+inf" or "Infinity" or "∞")
        {
            return double.PositiveInfinity;
        }

        if (text is "-inf" or "-Infinity")
        {
            return double.NegativeInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
    }

    /// <summary>A short human-readable form (4 significant digits), "∞" for infinity, "—" for NaN.</summary>
    public static string Short(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ when double.IsNaN(value) => "—",
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };

    /// <summary>A compact coordinate for inline data (5 significant digits).</summary>
    public static string Compact(double value) =>
        double.IsFinite(value) ? value.ToString("G5", CultureInfo.InvariantCulture) : "null";

    /// <summary>
    /// A 95% interval as the tables show it: "—" when there is none (blank, or the zero-width interval equal to the
    /// value, which docs/results.md says means "not bootstrapped"), else "low – high".
    /// </summary>
    public static string Interval(double value, double low, double high) =>
        double.IsNaN(low) || double.IsNaN(high) || (low == value && high == value)
            ? "—"
            : $"{Short(low)} – {Short(high)}";
}
