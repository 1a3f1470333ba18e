using ClipGeometry.Geometry;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>A small RGB raster with the filled shapes the demo scenes are drawn from (no anti-aliasing, no allocation per pixel).</summary>
internal sealed class SceneCanvas
{
    public SceneCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major RGB bytes.</summary>
    public byte[] Pixels { get; }

    public void Set(int x, int y, (byte R, byte G, byte B) c)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            int i = ((y * Width) + x) * 3;
            Pixels[i] = c.R;
            Pixels[i + 1] = c.G;
            Pixels[i + 2] = c.B;
        }
    }

    /// <summary>A vertical gradient from <paramref name="top"/> at row y0 to <paramref name="bottom"/> at row y1.</summary>
    public void VerticalGradient(int y0, int y1, (byte R, byte G, byte B) top, (byte R, byte G, byte B) bottom)
    {
        for (int y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
        {
            double t = y1 - y0 <= 1 ? 0 : (double)(y - y0) / (y1 - y0 - 1);
            var c = Mix(top, bottom, t);
            for (int x = 0; x < Width; x++)
            {
                Set(x, y, c);
            }
        }
    }

    public void Rectangle(double x0, double y0, double x1, double y1, (byte R, byte G, byte B) c)
    {
        for (int y = Math.Max(0, (int)Math.Round(y0)); y < Math.Min(Height, (int)Math.Round(y1)); y++)
        {
            for (int x = Math.Max(0, (int)Math.Round(x0)); x < Math.Min(Width, (int)Math.Round(x1)); x++)
            {
                Set(x, y, c);
            }
        }
    }

    public void Ellipse(double cx, double cy, double rx, double ry, (byte R, byte G, byte B) c)
    {
        if (rx <= 0 || ry <= 0)
        {
            return;
        }

        for (int y = Math.Max(0, (int)(cy - ry)); y <= Math.Min(Height - 1, (int)(cy + ry) + 1); y++)
        {
            double dy = (y + 0.5 - cy) / ry;
            for (int x = Math.Max(0, (int)(cx - rx)); x <= Math.Min(Width - 1, (int)(cx + rx) + 1); x++)
            {
                double dx = (x + 0.5 - cx) / rx;
                if ((dx * dx) + (dy * dy) <= 1)
                {
                    Set(x, y, c);
                }
            }
        }
    }

    public void Triangle(double ax, double ay, double bx, double by, double cx, double cy, (byte R, byte G, byte B) c)
    {
        int x0 = Math.Max(0, (int)Math.Min(ax, Math.Min(bx, cx)));
        int x1 = Math.Min(Width - 1, (int)Math.Max(ax, Math.Max(bx, cx)) + 1);
        int y0 = Math.Max(0, (int)Math.Min(ay, Math.Min(by, cy)));
        int y1 = Math.Min(Height - 1, (int)Math.Max(ay, Math.Max(by, cy)) + 1);
        double area = Edge(ax, ay, bx, by, cx, cy);
        if (area == 0)
        {
            return;
        }

        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                double px = x + 0.5, py = y + 0.5;
                double w0 = Edge(bx, by, cx, cy, px, py) / area;
                double w1 = Edge(cx, cy, ax, ay, px, py) / area;
                double w2 = Edge(ax, ay, bx, by, px, py) / area;
                if (w0 >= 0 && w1 >= 0 && w2 >= 0)
                {
                    Set(x, y, c);
                }
            }
        }
    }

    /// <summary>A thick straight line (a filled capsule).</summary>
    public void Line(double x0, double y0, double x1, double y1, double thickness, (byte R, byte G, byte B) c)
    {
        double length = Math.Max(1, Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0))));
        int steps = (int)Math.Ceiling(length * 2);
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            Ellipse(x0 + ((x1 - x0) * t), y0 + ((y1 - y0) * t), thickness / 2, thickness / 2, c);
        }
    }

    /// <summary>Adds uniform noise of ±<paramref name="amplitude"/> grey levels to every value (a texture, and realism for JPEG).</summary>
    public void Noise(ref SplitMix64 random, int amplitude)
    {
        for (int i = 0; i < Pixels.Length; i++)
        {
            int v = Pixels[i] + (int)(random.Next() % (ulong)((2 * amplitude) + 1)) - amplitude;
            Pixels[i] = (byte)Math.Clamp(v, 0, 255);
        }
    }

    public static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, double t) =>
        ((byte)Math.Round(a.R + ((b.R - a.R) * t)), (byte)Math.Round(a.G + ((b.G - a.G) * t)), (byte)Math.Round(a.B + ((b.B - a.B) * t)));

    private static double Edge(double ax, double ay, double bx, double by, double px, double py) =>
        ((bx - ax) * (py - ay)) - ((by - ay) * (px - ax));
}
