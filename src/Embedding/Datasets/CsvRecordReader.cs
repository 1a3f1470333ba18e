using System.Text;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Reads CSV as RFC 4180 describes it: fields separated by commas, optionally in double quotes, a doubled
/// quote inside quotes for a quote, line breaks allowed inside quotes; CRLF or LF line ends; blank lines
/// skipped; a UTF-8 byte-order mark ignored. A malformed record (text after a closing quote, a quote never
/// closed) becomes an issue naming its line, and reading resumes on the next line. A quote inside an
/// unquoted field is kept as text, as captions often contain one.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>Parses <paramref name="text"/>, adding malformed records to <paramref name="issues"/> against <paramref name="file"/>.</summary>
    public static List<CsvRecord> Parse(string text, string file, ICollection<DatasetIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(issues);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1;
        while (i < text.Length)
        {
            // Skip blank lines.
            if (text[i] == '\n')
            {
                i++;
                line++;
                continue;
            }

            if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] == '\n'))
            {
                i += i + 1 < text.Length ? 2 : 1;
                line++;
                continue;
            }

            int startLine = line;
            int startIndex = i;
            string? error = ReadRecord(text, ref i, ref line, fields, field);
            if (error is null)
            {
                records.Add(new CsvRecord(startLine, fields.ToArray()));
                continue;
            }

            issues.Add(new DatasetIssue(file, startLine, error));

            // Resume on the line after the start of the bad record.
            int next = text.IndexOf('\n', startIndex);
            i = next < 0 ? text.Length : next + 1;
            line = startLine + 1;
        }

        return records;
    }

    /// <summary>Reads one record from <paramref name="i"/> through its line end; returns an error or null.</summary>
    private static string? ReadRecord(string text, ref int i, ref int line, List<string> fields, StringBuilder field)
    {
        fields.Clear();
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                int quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return $"a quoted field opened on line {quoteLine} is never closed";
                    }

                    char c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                    i++;
                }

                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    return $"unexpected text after the closing quote of field {fields.Count + 1}";
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    field.Append(text[i]);
                    i++;
                }
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return null;
            }

            char end = text[i];
            if (end == ',')
            {
                i++;
                continue;
            }

            // Line end: CRLF, LF or a lone CR.
            i += end == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            line++;
            return null;
        }
    }
}
