namespace ClipGeometry.Geometry.Tests;

public sealed class PointCloudTests
{
    [Fact]
    public void Rows_are_views_of_the_coordinates()
    {
        var cloud = new PointCloud([1, 2, 3, 4, 5, 6], 3, 2);
        Assert.Equal([3.0, 4.0], cloud[1].ToArray());
        Assert.Equal([5.0, 6.0, 1.0, 2.0], cloud.Subset([2, 0]).Coordinates.ToArray());
    }

    [Fact]
    public void Size_mismatch_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PointCloud([1, 2, 3], 2, 2));

    [Fact]
    public void Non_finite_coordinate_names_the_point()
    {
        var e = Assert.Throws<ArgumentException>(() => new PointCloud([1, 2, double.NaN, 4], 2, 2));
        Assert.Contains("Point 1", e.Message, StringComparison.Ordinal);
    }
}
