namespace ClipGeometry.Embedding.IO;

/// <summary>
/// A diagram file holds several dimensions and the caller named none. Callers with a user interface turn it
/// into advice (the command line names its <c>--dim</c> option).
/// </summary>
public sealed class AmbiguousDimensionException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, which holds <paramref name="dimensions"/>.</summary>
    public AmbiguousDimensionException(string path, IReadOnlyList<int> dimensions)
        : base($"{path} holds diagrams of dimensions {string.Join(", ", dimensions)}; name one.")
    {
        Path = path;
        Dimensions = dimensions;
    }

    /// <summary>Creates the exception.</summary>
    public AmbiguousDimensionException()
    {
        Path = string.Empty;
        Dimensions = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public AmbiguousDimensionException(string message)
        : base(message)
    {
        Path = string.Empty;
        Dimensions = [];
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public AmbiguousDimensionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Dimensions = [];
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The dimensions it holds.</summary>
    public IReadOnlyList<int> Dimensions { get; }
}
