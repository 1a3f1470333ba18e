using System.Text.Json;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Reads a generic manifest, CSV or JSON lines, with image paths relative to the manifest's folder. CSV: a header
/// naming <c>path</c> (or <c>image</c>, <c>file_name</c>), <c>caption</c> (or <c>text</c>) and optionally
/// <c>category</c>; one row per caption. JSONL: one object per line with <c>path</c>, <c>caption</c> (a string) or
/// <c>captions</c> (an array of strings), and optionally <c>category</c>. Rows of the same image are merged.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] PathColumns = ["path", "image", "file_name", "filename", "file"];
    private static readonly string[] CaptionColumns = ["caption", "text"];

    /// <summary>Reads a CSV manifest.</summary>
    /// <exception cref="InvalidDataException">The header lacks a path or caption column.</exception>
    public static Dataset ReadCsv(string manifest, bool checkFilesExist = true)
    {
        string root = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var builder = new DatasetBuilder(root, checkFilesExist);
        var records = CsvRecordReader.Parse(File.ReadAllText(manifest), manifest, builder.Issues);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{manifest}: the manifest is empty; expected a header with 'path' and 'caption' columns.");
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int pathColumn = Array.FindIndex(header, h => PathColumns.Contains(h));
        int captionColumn = Array.FindIndex(header, h => CaptionColumns.Contains(h));
        int categoryColumn = Array.IndexOf(header, "category");
        if (pathColumn < 0 || captionColumn < 0)
        {
            throw new InvalidDataException($"{manifest}, line {records[0].Line}: the header must name a 'path' and a 'caption' column (found: {string.Join(", ", header)}).");
        }

        for (int r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Fields.Count != header.Length)
            {
                builder.Issue(manifest, record.Line, $"expected {header.Length} fields as in the header, found {record.Fields.Count}");
                continue;
            }

            string path = record.Fields[pathColumn];
            if (path.Trim().Length == 0)
            {
                builder.Issue(manifest, record.Line, "the image path is empty");
                continue;
            }

            builder.Add(path, record.Fields[captionColumn], categoryColumn >= 0 ? record.Fields[categoryColumn] : null, manifest, record.Line);
        }

        return builder.Build(DatasetLayout.CsvManifest, root);
    }

    /// <summary>Reads a JSON-lines manifest.</summary>
    public static Dataset ReadJsonl(string manifest, bool checkFilesExist = true)
    {
        string root = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var builder = new DatasetBuilder(root, checkFilesExist);
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(manifest))
        {
            lineNumber++;
            string line = lineNumber == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var o = document.RootElement;
                if (o.ValueKind != JsonValueKind.Object)
                {
                    builder.Issue(manifest, lineNumber, "expected a JSON object");
                    continue;
                }

                string? path = Text(o, "path") ?? Text(o, "image") ?? Text(o, "file_name");
                if (string.IsNullOrWhiteSpace(path))
                {
                    builder.Issue(manifest, lineNumber, "the object has no string 'path'");
                    continue;
                }

                string? category = Text(o, "category");
                if (o.TryGetProperty("captions", out var captions))
                {
                    if (captions.ValueKind != JsonValueKind.Array || captions.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                    {
                        builder.Issue(manifest, lineNumber, "'captions' must be an array of strings");
                        continue;
                    }

                    builder.Add(path, null, category, manifest, lineNumber);
                    foreach (var caption in captions.EnumerateArray())
                    {
                        builder.Add(path, caption.GetString(), null, manifest, lineNumber);
                    }
                }
                else if (o.TryGetProperty("caption", out var caption) && caption.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    builder.Issue(manifest, lineNumber, "'caption' must be a string");
                }
                else
                {
                    builder.Add(path, Text(o, "caption"), category, manifest, lineNumber);
                }
            }
            catch (JsonException e)
            {
                builder.Issue(manifest, lineNumber, $"not valid JSON ({e.Message.Split(". ")[0]})");
            }
        }

        return builder.Build(DatasetLayout.JsonlManifest, root);
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
