using System.Globalization;
using System.Net;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>
/// A hand-written SVG chart: a plot area with linear axes, nice ticks, axis labels with units, and marks drawn
/// with CSS classes (colours come from the page's palette, so light and dark themes both work).
/// </summary>
public sealed class SvgChart
{
    private const double Left = 58, Right = 14, Top = 14, Bottom = 44;
    private readonly StringBuilder _marks = new();
    private readonly double _x0, _x1, _y0, _y1;

    /// <summary>Creates a chart of <paramref name="width"/> × <paramref name="height"/> pixels over the given data ranges.</summary>
    public SvgChart(double width, double height, (double Min, double Max) x, (double Min, double Max) y, string xLabel, string yLabel)
    {
        Width = width;
        Height = height;
        (_x0, _x1) = Widen(x);
        (_y0, _y1) = Widen(y);
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>Width in pixels.</summary>
    public double Width { get; }

    /// <summary>Height in pixels.</summary>
    public double Height { get; }

    /// <summary>The x axis label (with unit).</summary>
    public string XLabel { get; }

    /// <summary>The y axis label (with unit).</summary>
    public string YLabel { get; }

    /// <summary>Ticks on x at these values with these labels instead of nice numbers (e.g. level names).</summary>
    public IReadOnlyList<(double Value, string Label)>? XTicks { get; set; }

    /// <summary>The pixel x of data value <paramref name="x"/>.</summary>
    public double Px(double x) => Left + ((x - _x0) / (_x1 - _x0) * (Width - Left - Right));

    /// <summary>The pixel y of data value <paramref name="y"/>.</summary>
    public double Py(double y) => Height - Bottom - ((y - _y0) / (_y1 - _y0) * (Height - Top - Bottom));

    /// <summary>The top of the plot area in pixels.</summary>
    public static double PlotTop => Top;

    /// <summary>Appends raw SVG (already escaped) to the marks.</summary>
    public void Raw(string svg) => _marks.Append(svg);

    /// <summary>A circle (shape 0), triangle (1) or square (2) at each point, with CSS class <paramref name="css"/>.</summary>
    public void Points(IEnumerable<(double X, double Y)> points, string css, int shape = 0, double size = 3, string? title = null)
    {
        _marks.Append("<g class=\"").Append(css).Append("\">");
        if (title is not null)
        {
            _marks.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        }

        foreach (var (x, y) in points)
        {
            string px = F(Px(x)), py = F(Py(y));
            _marks.Append(shape switch
            {
                1 => $"<path d=\"M{px} {F(Py(y) - size)}l{F(size)} {F(size * 1.7)}h{F(-2 * size)}z\"/>",
                2 => $"<rect x=\"{F(Px(x) - size)}\" y=\"{F(Py(y) - size)}\" width=\"{F(2 * size)}\" height=\"{F(2 * size)}\"/>",
                _ => $"<circle cx=\"{px}\" cy=\"{py}\" r=\"{F(size)}\"/>",
            });
        }

        _marks.Append("</g>");
    }

    /// <summary>A polyline through the points (NaN points break it), CSS class <paramref name="css"/>.</summary>
    public void Line(IEnumerable<(double X, double Y)> points, string css, string? title = null)
    {
        var d = new StringBuilder();
        bool pen = false;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                pen = false;
                continue;
            }

            d.Append(pen ? 'L' : 'M').Append(F(Px(x))).Append(' ').Append(F(Py(y)));
            pen = true;
        }

        _marks.Append("<path class=\"").Append(css).Append("\" d=\"").Append(d).Append("\">");
        if (title is not null)
        {
            _marks.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        }

        _marks.Append("</path>");
    }

    /// <summary>A vertical error bar from <paramref name="low"/> to <paramref name="high"/> at <paramref name="x"/>.</summary>
    public void ErrorBar(double x, double low, double high, string css)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return;
        }

        string px = F(Px(x));
        _marks.Append($"<path class=\"{css}\" d=\"M{px} {F(Py(low))}V{F(Py(high))}M{F(Px(x) - 3)} {F(Py(low))}h6M{F(Px(x) - 3)} {F(Py(high))}h6\"/>");
    }

    /// <summary>A text label at data coordinates.</summary>
    public void Label(double x, double y, string text, string css = "note")
    {
        _marks.Append($"<text class=\"{css}\" x=\"{F(Px(x))}\" y=\"{F(Py(y))}\">{WebUtility.HtmlEncode(text)}</text>");
    }

    /// <summary>The SVG element, with <paramref name="ariaLabel"/> as its accessible name.</summary>
    public string ToSvg(string ariaLabel)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" height=\"{F(Height)}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(ariaLabel)}\">");
        double plotBottom = Height - Bottom, plotRight = Width - Right;
        s.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot\" x=\"{F(Left)}\" y=\"{F(Top)}\" width=\"{F(plotRight - Left)}\" height=\"{F(plotBottom - Top)}\"/>");
        var xticks = XTicks ?? NiceTicks(_x0, _x1, Math.Max(2, (int)((Width - Left - Right) / 70))).Select(v => (v, ResultsNumbers.Short(v))).ToList();
        foreach (var (v, label) in xticks)
        {
            double px = Px(v);
            s.Append(CultureInfo.InvariantCulture, $"<path class=\"grid\" d=\"M{F(px)} {F(Top)}V{F(plotBottom)}\"/><text class=\"tick\" x=\"{F(px)}\" y=\"{F(plotBottom + 14)}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(label)}</text>");
        }

        foreach (double v in NiceTicks(_y0, _y1, Math.Max(2, (int)((plotBottom - Top) / 40))))
        {
            double py = Py(v);
            s.Append(CultureInfo.InvariantCulture, $"<path class=\"grid\" d=\"M{F(Left)} {F(py)}H{F(plotRight)}\"/><text class=\"tick\" x=\"{F(Left - 4)}\" y=\"{F(py + 4)}\" text-anchor=\"end\">{ResultsNumbers.Short(v)}</text>");
        }

        s.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{F((Left + plotRight) / 2)}\" y=\"{F(Height - 6)}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(XLabel)}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate(13 {F((Top + plotBottom) / 2)}) rotate(-90)\" text-anchor=\"middle\">{WebUtility.HtmlEncode(YLabel)}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<svg x=\"{F(Left)}\" y=\"{F(Top)}\" width=\"{F(plotRight - Left)}\" height=\"{F(plotBottom - Top)}\" viewBox=\"{F(Left)} {F(Top)} {F(plotRight - Left)} {F(plotBottom - Top)}\" overflow=\"hidden\">");
        s.Append(_marks).Append("</svg></svg>");
        return s.ToString();
    }

    /// <summary>About <paramref name="count"/> round tick values (1, 2 or 5 × 10^k apart) within [lo, hi].</summary>
    public static List<double> NiceTicks(double lo, double hi, int count)
    {
        var ticks = new List<double>();
        double span = hi - lo;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return ticks;
        }

        double raw = span / count;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = (raw / magnitude) switch { < 1.5 => magnitude, < 3 => 2 * magnitude, < 7 => 5 * magnitude, _ => 10 * magnitude };
        for (double v = Math.Ceiling(lo / step) * step; v <= hi + (step * 1e-9); v += step)
        {
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return ticks;
    }

    /// <summary>A number for SVG attributes (2 decimals, invariant).</summary>
    public static string F(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static (double, double) Widen((double Min, double Max) range)
    {
        var (lo, hi) = range;
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            return (0, 1);
        }

        if (hi - lo < 1e-12)
        {
            double pad = Math.Abs(lo) > 0 ? Math.Abs(lo) * 0.1 : 1;
            return (lo - pad, hi + pad);
        }

        double margin = (hi - lo) * 0.04;
        return (lo - margin, hi + margin);
    }
}
