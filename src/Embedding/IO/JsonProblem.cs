using System.Globalization;
using System.Text.Json;

namespace ClipGeometry.Embedding.IO;

/// <summary>
/// Words for what is wrong with a JSON file, in place of System.Text.Json's messages (which name .NET types and
/// give reader positions such as "LineNumber: 0 | BytePositionInLine: 5").
/// </summary>
public static class JsonProblem
{
    /// <summary>"it is not valid JSON (line L, column C)", 1-based, from <paramref name="error"/>.</summary>
    public static string Describe(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"it is not valid JSON, or not of the expected shape, at line {line + 1}, column {(error.BytePositionInLine ?? 0) + 1}")
            : "it is not valid JSON, or not of the expected shape";
    }
}
