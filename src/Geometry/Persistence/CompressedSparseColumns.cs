namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// Columns of simplices stored back to back (compressed sparse column layout): the reduction matrix V of one
/// dimension, one column per reduced column, appended in order.
/// </summary>
internal sealed class CompressedSparseColumns
{
    private int[] _starts = new int[1024];
    private DiameterIndex[] _entries = new DiameterIndex[1024];
    private int _entryCount;

    public int ColumnCount { get; private set; }

    /// <summary>Opens a new, empty column at the end.</summary>
    public void AppendColumn()
    {
        if (ColumnCount + 1 >= _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        ColumnCount++;
        _starts[ColumnCount] = _entryCount;
    }

    /// <summary>Adds an entry to the last column.</summary>
    public void Push(DiameterIndex entry)
    {
        if (_entryCount == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_entryCount++] = entry;
        _starts[ColumnCount] = _entryCount;
    }

    /// <summary>The entries of column <paramref name="column"/> (0-based, in order of appending).</summary>
    public ReadOnlySpan<DiameterIndex> Column(int column) => _entries.AsSpan(_starts[column], _starts[column + 1] - _starts[column]);
}
