using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Tests.IO;

public sealed class MatrixFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clipgeo-matrix-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_comma_and_whitespace_rows_with_header_and_comments()
    {
        var m = MatrixFile.Read(Write("a.csv", "x,y\n# comment\n1, 2\n\n3\t4.5e0\n"));
        Assert.Equal(2, m.Rows);
        Assert.Equal(2, m.Columns);
        Assert.Equal([1, 2, 3, 4.5], m.Values);
    }

    [Fact]
    public void Ragged_row_names_file_and_line()
    {
        string path = Write("r.csv", "1,2\n3,4\n5\n");
        var e = Assert.Throws<InputException>(() => MatrixFile.Read(path));
        Assert.Equal($"{path}, line 3: the row has 1 values but the first row has 2 (ragged rows).", e.Message);
    }

    [Fact]
    public void NaN_is_refused_with_its_column()
    {
        string path = Write("n.csv", "1,2\n3,nan\n");
        var e = Assert.Throws<InputException>(() => MatrixFile.Read(path));
        Assert.Contains("line 2: column 2 is nan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        string path = Write("e.csv", "\n# nothing\n");
        var e = Assert.Throws<InputException>(() => MatrixFile.Read(path));
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_refused() =>
        Assert.Throws<InputException>(() => MatrixFile.Read(Path.Combine(_dir, "absent.csv")));
}
