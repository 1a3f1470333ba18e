using System.Globalization;
using System.Net;
using System.Text;

namespace ClipGeometry.Report;

/// <summary>Small HTML helpers: escaping, figures with captions, tables, the category palette.</summary>
public static class HtmlText
{
    /// <summary>HTML-escaped text.</summary>
    public static string Esc(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Appends a figure: its content (SVG or canvas) and a one-line caption.</summary>
    public static void Figure(StringBuilder html, string id, string content, string caption, string css = "fig")
    {
        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"{css}\" id=\"{Esc(id)}\" data-figure=\"{Esc(id)}\">")
            .Append(content)
            .Append("<figcaption>").Append(Esc(caption)).Append("</figcaption></figure>\n");
    }

    /// <summary>Appends a table with <paramref name="header"/> and string cells (escaped); numeric-looking cells align right.</summary>
    public static void Table(StringBuilder html, string css, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        html.Append("<div class=\"tablewrap\"><table class=\"").Append(css).Append("\">");
        if (caption is not null)
        {
            html.Append("<caption>").Append(Esc(caption)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (string h in header)
        {
            html.Append("<th>").Append(Esc(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row)
            {
                bool number = css != "kv" && cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] is '-' or '−' or '∞' or '—' or '.');
                html.Append(number ? "<td class=\"num\">" : "<td>").Append(Esc(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>The palette index of <paramref name="category"/> (Okabe–Ito, in <c>globalOrder</c>); <c>global</c> gets the text colour.</summary>
    public static int ColourIndex(ResultsData data, string category)
    {
        if (category == "global")
        {
            return 7;
        }

        int i = data.Categories.IndexOf(category);
        return i < 0 ? 7 : i % 7;
    }

    /// <summary>A legend: coloured swatches with category names.</summary>
    public static string Legend(IEnumerable<(string Name, int Colour)> entries)
    {
        var s = new StringBuilder("<div class=\"legend static\">");
        foreach (var (name, colour) in entries)
        {
            s.Append(CultureInfo.InvariantCulture, $"<span class=\"key\"><i class=\"sw b{colour}\"></i>{Esc(name)}</span>");
        }

        return s.Append("</div>").ToString();
    }
}
