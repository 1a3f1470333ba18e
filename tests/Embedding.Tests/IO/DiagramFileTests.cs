using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Tests.IO;

public sealed class DiagramFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clipgeo-diagram-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_dimension_without_rows_in_a_dim_birth_death_csv_is_the_empty_diagram()
    {
        // The sweep's diagrams/{level}/{category}.csv: an empty H1 writes no rows, and must read back as empty.
        string path = Write("h0-only.csv", "dim,birth,death\n0,0,0.5\n0,0,inf\n");
        var h1 = DiagramFile.Read(path, 1);
        Assert.Equal(1, h1.Dimension);
        Assert.Empty(h1.Intervals);
        Assert.Equal(2, DiagramFile.Read(path, 0).Intervals.Count);
    }

    [Fact]
    public void A_ripser_file_still_refuses_a_dimension_it_does_not_list()
    {
        string path = Write("ripser.txt", "persistence intervals in dim 0:\n [0,0.5)\n [0, )\n");
        var e = Assert.Throws<InputException>(() => DiagramFile.Read(path, 1));
        Assert.Contains("no diagram of dimension 1", e.Message, StringComparison.Ordinal);
    }
}
