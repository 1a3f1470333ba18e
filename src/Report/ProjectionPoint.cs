namespace ClipGeometry.Report;

/// <summary>One row of <c>projections/{level}.csv</c>: an image or a caption placed in the 2-D map.</summary>
/// <param name="Category">The category of the image.</param>
/// <param name="Row">The image's row in its category.</param>
/// <param name="Caption">For a caption, its index among the image's captions; −1 for the image itself.</param>
/// <param name="X">Map coordinate x.</param>
/// <param name="Y">Map coordinate y.</param>
public readonly record struct ProjectionPoint(string Category, int Row, int Caption, double X, double Y)
{
    /// <summary>Whether this point is a caption.</summary>
    public bool IsCaption => Caption >= 0;
}
