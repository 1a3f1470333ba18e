namespace ClipGeometry.Embedding.IO;

/// <summary>An input file that cannot be used: the message names the file, the line or row, and why. Exit code 1.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> at <paramref name="line"/> (1-based; 0 for the whole file).</summary>
    public InputException(string path, int line, string reason)
        : base(line > 0 ? $"{path}, line {line}: {reason}" : $"{path}: {reason}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>Creates the exception.</summary>
    public InputException()
    {
        Path = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public InputException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>The 1-based line or row at fault; 0 when the fault is the whole file.</summary>
    public int Line { get; }
}
