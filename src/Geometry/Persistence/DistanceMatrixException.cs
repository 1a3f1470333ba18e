namespace ClipGeometry.Geometry.Persistence;

/// <summary>A distance matrix that cannot be used, with the 0-based row and column at fault (−1 when not one entry).</summary>
public sealed class DistanceMatrixException : ArgumentException
{
    /// <summary>Creates the exception for entry (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public DistanceMatrixException(int row, int column, string message)
        : base(message)
    {
        Row = row;
        Column = column;
    }

    /// <summary>Creates the exception.</summary>
    public DistanceMatrixException()
    {
        Row = -1;
        Column = -1;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DistanceMatrixException(string message)
        : base(message)
    {
        Row = -1;
        Column = -1;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public DistanceMatrixException(string message, Exception innerException)
        : base(message, innerException)
    {
        Row = -1;
        Column = -1;
    }

    /// <summary>The 0-based row of the bad entry, or −1.</summary>
    public int Row { get; }

    /// <summary>The 0-based column of the bad entry, or −1.</summary>
    public int Column { get; }
}
