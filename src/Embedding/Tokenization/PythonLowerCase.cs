using System.Text;

namespace ClipGeometry.Embedding.Tokenization;

/// <summary>
/// Lower-cases text exactly as Python 3.11's <c>str.lower()</c> (Unicode 14.0), which CLIP's tokenizer uses: full
/// mappings from SpecialCasing (<c>İ</c> → <c>i</c> + U+0307) and the Final_Sigma rule (<c>Σ</c> → <c>ς</c> at the
/// end of a word, <c>σ</c> elsewhere). .NET under invariant globalization has neither; the data is
/// <see cref="PythonLowerCaseTable"/>, generated from Python by <c>make_lowercase_table.py</c>.
/// </summary>
public static class PythonLowerCase
{
    private const int CapitalSigma = 0x03A3;
    private const int CapitalIWithDot = 0x0130;

    /// <summary>Python's <c>text.lower()</c>.</summary>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length && text[i] < 0x80 && !char.IsAsciiLetterUpper(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                builder.Append(char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c);
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used);
            int cp = rune.Value;
            if (cp == CapitalSigma)
            {
                builder.Append(IsFinalSigma(text, i) ? 'ς' : 'σ');
            }
            else if (cp == CapitalIWithDot)
            {
                builder.Append('i').Append('\u0307');
            }
            else
            {
                builder.Append(new Rune(LowerOf(cp)).ToString());
            }

            i += used;
        }

        return builder.ToString();
    }

    /// <summary>The one-to-one lower-case mapping of <paramref name="codePoint"/> (itself when it has none).</summary>
    public static int LowerOf(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is >= 'A' and <= 'Z' ? codePoint + 32 : codePoint;
        }

        int at = PythonLowerCaseTable.Upper.BinarySearch(codePoint);
        return at >= 0 ? PythonLowerCaseTable.Lower[at] : codePoint;
    }

    /// <summary>
    /// Python's rule: Σ at <paramref name="index"/> is final when a cased letter precedes it (case-ignorable ones
    /// skipped) and none follows it (case-ignorable ones skipped).
    /// </summary>
    private static bool IsFinalSigma(string text, int index)
    {
        int j = index;
        int kind = 0;
        while (j > 0)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, j), out var before, out int width);
            j -= width;
            kind = ClassOf(before.Value);
            if (kind != 2)
            {
                break;
            }
        }

        if (kind != 1)
        {
            return false;
        }

        j = index + 1;
        while (j < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(j), out var after, out int width);
            j += width;
            int next = ClassOf(after.Value);
            if (next != 2)
            {
                return next != 1;
            }
        }

        return true;
    }

    /// <summary>0 other, 1 cased, 2 case-ignorable.</summary>
    private static int ClassOf(int codePoint)
    {
        var starts = PythonLowerCaseTable.ClassStarts;
        int at = starts.BinarySearch(codePoint);
        return PythonLowerCaseTable.Classes[at >= 0 ? at : ~at - 1];
    }
}
