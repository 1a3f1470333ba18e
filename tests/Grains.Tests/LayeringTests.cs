namespace ClipGeometry.Grains.Tests;

public sealed class LayeringTests
{
    [Fact]
    public void Geometry_depends_on_neither_Orleans_nor_Embedding()
    {
        var references = typeof(ClipGeometry.Geometry.PointCloud).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(references, name => name!.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name!.StartsWith("ClipGeometry.Embedding", StringComparison.Ordinal));
    }
}
