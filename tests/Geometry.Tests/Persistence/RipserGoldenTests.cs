using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Persistence;

/// <summary>Diagrams equal to those of Debian's ripser 1.2.1 on the committed golden inputs.</summary>
public sealed class RipserGoldenTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in RipserGolden.Cases())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Diagrams_match_ripser(string name)
    {
        var c = RipserGolden.Case(name);
        var expected = RipserGolden.ReadOutput(Path.Combine(RipserGolden.Folder, c.GetProperty("output").GetString()!));
        var result = RipserGolden.Compute(c);
        Assert.Equal(c.GetProperty("dim").GetInt32(), result.MaxDimension);
        foreach (PersistenceDiagram diagram in result.Diagrams)
        {
            RipserGolden.AssertSameIntervals(diagram.Dimension, expected[diagram.Dimension], diagram.Intervals);
        }
    }

    [Fact]
    public void Golden_folder_has_the_cases_the_issue_asks_for()
    {
        var names = RipserGolden.Cases().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Contains(names, n => n.Contains("r3", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("r512", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("cosine", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("grid", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("duplicates", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("thr", StringComparison.Ordinal));
    }
}
