using ClipGeometry.Geometry.Diagrams;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Geometry.Tests.Diagrams;

public sealed class DiagramSummaryTests
{
    private static readonly PersistenceDiagram Diagram = new(1, [new(0, 2), new(1, 3), new(0.5, double.PositiveInfinity)]);

    [Fact]
    public void Betti_curve_counts_alive_intervals()
    {
        var grid = BettiCurve.Grid(0, 4, 9); // 0, 0.5, …, 4
        Assert.Equal([1, 2, 3, 3, 2, 2, 1, 1, 1], BettiCurve.Evaluate(Diagram, grid));
    }

    [Fact]
    public void Total_persistence_and_entropy()
    {
        Assert.Equal(4, TotalPersistence.Compute(Diagram));
        Assert.Equal(8, TotalPersistence.Compute(Diagram, 2));
        Assert.Equal(Math.Log(2), PersistenceEntropy.Compute(Diagram), 14);
        Assert.Equal(0, PersistenceEntropy.Compute(PersistenceDiagram.Empty(0)));
    }

    [Fact]
    public void Landscapes_are_the_sorted_tents()
    {
        double[] grid = [0, 1, 1.5, 2, 3];
        var landscape = PersistenceLandscape.Evaluate(Diagram, 2, grid);

        // λ1: tents of (0,2) and (1,3): at 1 → max(1, 0) = 1; at 1.5 → max(0.5, 0.5); at 2 → max(0, 1) = 1.
        Assert.Equal([0, 1, 0.5, 1, 0], landscape[..5]);
        Assert.Equal([0, 0, 0.5, 0, 0], landscape[5..]);
    }
}
