using System.Globalization;
using System.Text;
using ClipGeometry.Geometry;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Writes a synthetic image–caption dataset in the Flickr8k Kaggle layout (<c>Images/*.jpg</c> and
/// <c>captions.txt</c>), so that the demo needs nothing from outside: procedurally drawn scenes of the five
/// default categories (animal, sport, vehicle, human, nature), five captions each that name what is drawn and
/// that the default caption rules classify as intended. Deterministic: the same seed and options give
/// byte-identical files.
/// </summary>
public static class DemoDatasetGenerator
{
    /// <summary>The categories drawn, in the order of the default rules' names.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["animal", "sport", "vehicle", "human", "nature"];

    private delegate string[] Scene(SceneCanvas canvas, ref SplitMix64 random);

    /// <summary>Writes the dataset under <paramref name="root"/> and returns it, each item with its intended category.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="IOException">The folder already holds a dataset and <see cref="DemoDatasetOptions.Overwrite"/> is false.</exception>
    public static Dataset Generate(string root, DemoDatasetOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new DemoDatasetOptions();
        if (options.ImagesPerCategory is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ImagesPerCategory, "Images per category must be from 1 to 100000.");
        }

        if (options.Width is < 16 or > 4096 || options.Height is < 16 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{options.Width}×{options.Height}", "Width and height must be from 16 to 4096 pixels.");
        }

        if (options.JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.JpegQuality, "JPEG quality must be from 1 to 100.");
        }

        string images = Path.Combine(root, "Images");
        string captionsFile = Path.Combine(root, "captions.txt");
        if (!options.Overwrite && (File.Exists(captionsFile) || Directory.Exists(images)))
        {
            throw new IOException($"{Path.GetFullPath(root)}: a dataset (captions.txt or Images/) is already there; choose an empty folder or allow overwriting.");
        }

        Directory.CreateDirectory(images);
        Scene[] scenes = [Animal, Sport, Vehicle, Human, Nature];
        var encoder = new JpegEncoder { Quality = options.JpegQuality };
        var captions = new StringBuilder("image,caption\n");
        var items = new List<DatasetItem>();
        for (int c = 0; c < Categories.Count; c++)
        {
            for (int i = 0; i < options.ImagesPerCategory; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = string.Create(CultureInfo.InvariantCulture, $"{Categories[c]}_{i:D4}.jpg");
                var random = new SplitMix64(SplitMix64.Mix(unchecked((ulong)options.Seed)) ^ SplitMix64.Hash(name));
                var canvas = new SceneCanvas(options.Width, options.Height);
                string[] texts = scenes[c](canvas, ref random);
                canvas.Noise(ref random, 5);

                string path = Path.Combine(images, name);
                using (var image = Image.LoadPixelData<Rgb24>(canvas.Pixels, canvas.Width, canvas.Height))
                {
                    image.SaveAsJpeg(path, encoder);
                }

                foreach (string text in texts)
                {
                    captions.Append(name).Append(',').Append(CsvField(text)).Append('\n');
                }

                items.Add(new DatasetItem(Path.GetFullPath(path), name, texts, Categories[c]));
                progress?.Report(items.Count);
            }
        }

        File.WriteAllText(captionsFile, captions.ToString(), new UTF8Encoding(false));
        return new Dataset(Path.GetFullPath(images), DatasetLayout.FlickrKaggle, items, []);
    }

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    internal static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static T Pick<T>(ref SplitMix64 random, IReadOnlyList<T> options) => options[(int)(random.Next() % (ulong)options.Count)];

    private static double Uniform(ref SplitMix64 random, double low, double high) => low + ((high - low) * random.NextDouble());

    private static (byte, byte, byte) Jitter(ref SplitMix64 random, (byte R, byte G, byte B) c, int amount)
    {
        int d = (int)(random.Next() % (ulong)((2 * amount) + 1)) - amount;
        return ((byte)Math.Clamp(c.R + d, 0, 255), (byte)Math.Clamp(c.G + d, 0, 255), (byte)Math.Clamp(c.B + d, 0, 255));
    }

    private static readonly (string Name, (byte, byte, byte) Rgb)[] CoatColours =
        [("brown", (120, 72, 36)), ("black", (30, 28, 26)), ("white", (235, 232, 225)), ("golden", (214, 160, 64)), ("grey", (128, 128, 128))];

    private static readonly (string Name, (byte, byte, byte) Rgb)[] PaintColours =
        [("red", (200, 30, 30)), ("blue", (30, 60, 190)), ("yellow", (235, 200, 30)), ("green", (30, 140, 60)), ("white", (236, 236, 236)), ("orange", (235, 120, 20))];

    private static string[] Animal(SceneCanvas k, ref SplitMix64 r)
    {
        int w = k.Width, h = k.Height;
        double horizon = h * Uniform(ref r, 0.4, 0.6);
        k.VerticalGradient(0, (int)horizon, Jitter(ref r, (110, 170, 235), 15), (200, 225, 245));
        k.VerticalGradient((int)horizon, h, Jitter(ref r, (90, 160, 60), 15), (40, 100, 30));
        string kind = Pick(ref r, ["dog", "cat", "horse"]);
        var (colourName, coat) = Pick(ref r, CoatColours);
        double scale = kind switch { "horse" => 1.3, "cat" => 0.75, _ => 1.0 } * Uniform(ref r, 0.85, 1.15);
        double cx = w * Uniform(ref r, 0.35, 0.65), cy = Math.Max(horizon, h * 0.55) + (h * 0.05);
        double rx = w * 0.16 * scale, ry = h * 0.09 * scale;
        int facing = r.Next() % 2 == 0 ? 1 : -1;
        double leg = h * (kind == "horse" ? 0.2 : 0.12) * scale;
        var dark = SceneCanvas.Mix(coat, (0, 0, 0), 0.35);
        foreach (double f in new[] { -0.75, -0.45, 0.45, 0.75 })
        {
            k.Rectangle(cx + (f * rx) - (rx * 0.08), cy, cx + (f * rx) + (rx * 0.08), cy + ry + leg, f < 0 ? dark : coat);
        }

        k.Ellipse(cx, cy, rx, ry, coat);
        k.Line(cx - (facing * rx * 0.95), cy - (ry * 0.2), cx - (facing * rx * 1.4), cy - (ry * (kind == "cat" ? 1.6 : 0.8)), Math.Max(2, ry * 0.25), dark);
        double hx = cx + (facing * rx * 1.05), hy = cy - (ry * (kind == "horse" ? 1.5 : 1.0));
        if (kind == "horse")
        {
            k.Line(cx + (facing * rx * 0.7), cy - (ry * 0.3), hx, hy, ry * 0.8, coat);
        }

        k.Ellipse(hx, hy, ry * 0.75, ry * 0.65, coat);
        k.Ellipse(hx + (facing * ry * 0.6), hy + (ry * 0.15), ry * 0.4, ry * 0.3, dark); // snout
        double earTip = kind == "cat" ? 1.4 : 1.1;
        k.Triangle(hx - (ry * 0.5), hy - (ry * 0.3), hx - (ry * 0.1), hy - (ry * 0.3), hx - (ry * 0.35), hy - (ry * earTip), dark);
        k.Triangle(hx + (ry * 0.1), hy - (ry * 0.3), hx + (ry * 0.5), hy - (ry * 0.3), hx + (ry * 0.35), hy - (ry * earTip), dark);
        k.Ellipse(hx + (facing * ry * 0.2), hy - (ry * 0.15), Math.Max(1, ry * 0.09), Math.Max(1, ry * 0.09), (10, 10, 10)); // eye

        return
        [
            $"A {colourName} {kind} stands on the grass .",
            $"A {kind} in a green field under a blue sky .",
            $"The {colourName} animal is outdoors .",
            $"A {kind}, seen from the side .",
            $"One {kind} on a sunny day .",
        ];
    }

    private static string[] Sport(SceneCanvas k, ref SplitMix64 r)
    {
        int w = k.Width, h = k.Height;
        bool tennis = r.Next() % 2 == 0;
        (byte, byte, byte) white = (240, 240, 240);
        if (tennis)
        {
            var court = Pick(ref r, new (byte, byte, byte)[] { (40, 90, 160), (60, 130, 70), (190, 90, 50) });
            k.VerticalGradient(0, h, SceneCanvas.Mix(court, (255, 255, 255), 0.1), court);
            double t = Math.Max(2, h * 0.015);
            k.Rectangle(w * 0.08, h * 0.1, w * 0.92, (h * 0.1) + t, white);
            k.Rectangle(w * 0.08, (h * 0.92) - t, w * 0.92, h * 0.92, white);
            k.Rectangle(w * 0.08, h * 0.1, (w * 0.08) + t, h * 0.92, white);
            k.Rectangle((w * 0.92) - t, h * 0.1, w * 0.92, h * 0.92, white);
            double net = h * Uniform(ref r, 0.42, 0.5);
            k.Rectangle(0, net, w, net + (h * 0.08), (25, 25, 25));
            for (double x = 0; x < w; x += Math.Max(3, w * 0.02))
            {
                k.Rectangle(x, net, x + 1, net + (h * 0.08), (150, 150, 150));
            }

            k.Rectangle(0, net, w, net + t, white);
            double bx = w * Uniform(ref r, 0.2, 0.8), by = h * Uniform(ref r, 0.6, 0.85), br = h * Uniform(ref r, 0.04, 0.07);
            k.Ellipse(bx, by, br, br, (215, 235, 60));
            k.Line(bx - (br * 0.7), by - (br * 0.3), bx + (br * 0.7), by - (br * 0.3), Math.Max(1, br * 0.15), (250, 250, 250));
            return
            [
                "A tennis ball on the court .",
                "A yellow ball near the net .",
                "A tennis court, empty .",
                "Sport equipment on a hard court .",
                "A ball by the tennis net .",
            ];
        }

        k.VerticalGradient(0, h, Jitter(ref r, (70, 150, 60), 10), (40, 110, 35));
        for (double x = 0; x < w; x += w / 8.0)
        {
            k.Rectangle(x, 0, x + (w / 16.0), h, (60, 140, 55)); // mowing stripes
        }

        double line = Math.Max(2, h * 0.015);
        k.Rectangle((w / 2.0) - (line / 2), 0, (w / 2.0) + (line / 2), h, white);
        k.Ellipse(w / 2.0, h / 2.0, h * 0.25, h * 0.25, white);
        k.Ellipse(w / 2.0, h / 2.0, (h * 0.25) - line, (h * 0.25) - line, (60, 140, 55));
        double gx = r.Next() % 2 == 0 ? w * 0.05 : w * 0.8;
        k.Rectangle(gx, h * 0.25, gx + (w * 0.15), h * 0.7, (200, 200, 200));
        k.Rectangle(gx + line, (h * 0.25) + line, gx + (w * 0.15) - line, h * 0.7, (90, 150, 80));
        for (double y = h * 0.25; y < h * 0.7; y += Math.Max(3, h * 0.04))
        {
            k.Rectangle(gx, y, gx + (w * 0.15), y + 1, (220, 220, 220));
        }

        double cx = w * Uniform(ref r, 0.3, 0.7), cy = h * Uniform(ref r, 0.55, 0.8), radius = h * Uniform(ref r, 0.08, 0.12);
        k.Ellipse(cx, cy, radius, radius, (250, 250, 250));
        k.Ellipse(cx, cy, radius * 0.3, radius * 0.3, (20, 20, 20));
        for (int s = 0; s < 5; s++)
        {
            double a = (s * 2 * Math.PI / 5) + 0.3;
            k.Ellipse(cx + (Math.Cos(a) * radius * 0.72), cy + (Math.Sin(a) * radius * 0.72), radius * 0.2, radius * 0.2, (20, 20, 20));
        }

        return
        [
            "A soccer ball on the field .",
            "A ball in front of the goal .",
            "A football pitch with white lines .",
            "Soccer equipment on green grass .",
            "\"Goal!\" A ball near the net .",
        ];
    }

    private static string[] Vehicle(SceneCanvas k, ref SplitMix64 r)
    {
        int w = k.Width, h = k.Height;
        double horizon = h * Uniform(ref r, 0.45, 0.55);
        k.VerticalGradient(0, (int)horizon, Jitter(ref r, (120, 175, 230), 15), (215, 230, 245));
        k.VerticalGradient((int)horizon, h, (95, 95, 100), (60, 60, 65));
        double lane = h * 0.82;
        for (double x = 0; x < w; x += w / 6.0)
        {
            k.Rectangle(x, lane, x + (w / 12.0), lane + Math.Max(2, h * 0.02), (240, 220, 80));
        }

        string kind = Pick(ref r, ["car", "bus", "truck"]);
        var (colourName, paint) = Pick(ref r, PaintColours);
        var darker = SceneCanvas.Mix(paint, (0, 0, 0), 0.3);
        (byte, byte, byte) glass = (170, 210, 235);
        double cx = w * Uniform(ref r, 0.4, 0.6), bottom = h * 0.75, wheel = h * 0.075;
        double length = w * (kind == "car" ? 0.5 : 0.7), x0 = cx - (length / 2), x1 = cx + (length / 2);
        switch (kind)
        {
            case "car":
                k.Rectangle(x0, bottom - (h * 0.16), x1, bottom, paint);
                k.Rectangle(x0 + (length * 0.22), bottom - (h * 0.28), x1 - (length * 0.2), bottom - (h * 0.155), darker);
                k.Rectangle(x0 + (length * 0.26), bottom - (h * 0.26), cx - (length * 0.01), bottom - (h * 0.17), glass);
                k.Rectangle(cx + (length * 0.02), bottom - (h * 0.26), x1 - (length * 0.24), bottom - (h * 0.17), glass);
                break;
            case "bus":
                k.Rectangle(x0, bottom - (h * 0.34), x1, bottom, paint);
                for (double x = x0 + (length * 0.04); x < x1 - (length * 0.1); x += length * 0.12)
                {
                    k.Rectangle(x, bottom - (h * 0.3), x + (length * 0.09), bottom - (h * 0.2), glass);
                }

                break;
            default:
                k.Rectangle(x0, bottom - (h * 0.34), x0 + (length * 0.68), bottom - (h * 0.04), paint);
                k.Rectangle(x0 + (length * 0.7), bottom - (h * 0.22), x1, bottom, darker);
                k.Rectangle(x0 + (length * 0.76), bottom - (h * 0.2), x1 - (length * 0.04), bottom - (h * 0.12), glass);
                break;
        }

        foreach (double f in new[] { 0.18, 0.82 })
        {
            k.Ellipse(x0 + (f * length), bottom, wheel, wheel, (20, 20, 20));
            k.Ellipse(x0 + (f * length), bottom, wheel * 0.45, wheel * 0.45, (170, 170, 170));
        }

        return
        [
            $"A {colourName} {kind} on the road .",
            $"A {kind} drives down a street .",
            $"A {colourName} vehicle with black wheels .",
            $"A {kind}, parked by the road .",
            $"The {kind} passes under a clear sky .",
        ];
    }

    private static string[] Human(SceneCanvas k, ref SplitMix64 r)
    {
        int w = k.Width, h = k.Height;
        double floor = h * Uniform(ref r, 0.75, 0.85);
        k.VerticalGradient(0, (int)floor, Jitter(ref r, (225, 215, 195), 20), (200, 190, 170));
        k.VerticalGradient((int)floor, h, (140, 100, 70), (110, 75, 50));
        string kind = Pick(ref r, ["man", "woman", "child"]);
        var (colourName, shirt) = Pick(ref r, PaintColours);
        var skin = Pick(ref r, new (byte, byte, byte)[] { (240, 200, 170), (200, 150, 110), (140, 95, 60), (95, 65, 45) });
        var hair = Pick(ref r, new (byte, byte, byte)[] { (30, 25, 20), (110, 70, 30), (210, 180, 110), (90, 90, 90) });
        double scale = (kind == "child" ? 0.6 : 1.0) * h * 0.7;
        double cx = w * Uniform(ref r, 0.35, 0.65), feet = floor + (h * 0.05), top = feet - scale;
        double head = scale * 0.09;
        (byte, byte, byte) trousers = (40, 45, 70);
        k.Rectangle(cx - (scale * 0.1), top + (scale * 0.55), cx - (scale * 0.02), feet, trousers);
        k.Rectangle(cx + (scale * 0.02), top + (scale * 0.55), cx + (scale * 0.1), feet, trousers);
        k.Rectangle(cx - (scale * 0.13), top + (scale * 0.2), cx + (scale * 0.13), top + (scale * 0.58), shirt);
        k.Line(cx - (scale * 0.13), top + (scale * 0.24), cx - (scale * 0.19), top + (scale * 0.52), scale * 0.06, shirt);
        k.Line(cx + (scale * 0.13), top + (scale * 0.24), cx + (scale * 0.19), top + (scale * 0.52), scale * 0.06, shirt);
        k.Ellipse(cx - (scale * 0.19), top + (scale * 0.55), scale * 0.03, scale * 0.03, skin);
        k.Ellipse(cx + (scale * 0.19), top + (scale * 0.55), scale * 0.03, scale * 0.03, skin);
        k.Ellipse(cx, top + (scale * 0.1), head * (kind == "woman" ? 1.15 : 1.05), head * 1.2, hair);
        k.Ellipse(cx, top + (scale * 0.115), head, head * 1.05, skin);
        k.Ellipse(cx - (head * 0.35), top + (scale * 0.11), Math.Max(1, head * 0.1), Math.Max(1, head * 0.1), (20, 20, 20));
        k.Ellipse(cx + (head * 0.35), top + (scale * 0.11), Math.Max(1, head * 0.1), Math.Max(1, head * 0.1), (20, 20, 20));
        return
        [
            $"A {kind} in a {colourName} shirt .",
            $"A {kind} stands in front of a wall .",
            "A person with short hair .",
            "Someone standing indoors .",
            $"A {kind}, arms at the sides .",
        ];
    }

    private static string[] Nature(SceneCanvas k, ref SplitMix64 r)
    {
        int w = k.Width, h = k.Height;
        double horizon = h * Uniform(ref r, 0.55, 0.65);
        k.VerticalGradient(0, (int)horizon, Jitter(ref r, (70, 130, 210), 20), (190, 215, 240));
        k.Ellipse(w * Uniform(ref r, 0.1, 0.9), h * Uniform(ref r, 0.08, 0.25), h * 0.07, h * 0.07, (255, 230, 120));
        int peaks = 2 + (int)(r.Next() % 3);
        for (int p = 0; p < peaks; p++)
        {
            double px = w * Uniform(ref r, 0.0, 1.0), height = h * Uniform(ref r, 0.3, 0.5), half = w * Uniform(ref r, 0.2, 0.35);
            var rock = Jitter(ref r, (110, 110, 120), 20);
            k.Triangle(px - half, horizon, px + half, horizon, px, horizon - height, rock);
            k.Triangle(px - (half * 0.3), horizon - (height * 0.7), px + (half * 0.3), horizon - (height * 0.7), px, horizon - height, (245, 245, 250));
        }

        k.VerticalGradient((int)horizon, h, (60, 110, 170), (30, 70, 130));
        int trees = 3 + (int)(r.Next() % 5);
        for (int t = 0; t < trees; t++)
        {
            double tx = w * Uniform(ref r, 0.0, 1.0), ty = horizon + (h * Uniform(ref r, 0.0, 0.08)), th = h * Uniform(ref r, 0.15, 0.3);
            k.Rectangle(tx - (th * 0.05), ty - (th * 0.2), tx + (th * 0.05), ty, (90, 60, 30));
            var leaves = Jitter(ref r, (30, 100, 40), 15);
            k.Triangle(tx - (th * 0.3), ty - (th * 0.15), tx + (th * 0.3), ty - (th * 0.15), tx, ty - (th * 0.75), leaves);
            k.Triangle(tx - (th * 0.22), ty - (th * 0.45), tx + (th * 0.22), ty - (th * 0.45), tx, ty - th, leaves);
        }

        return
        [
            "Snowy mountains under a blue sky .",
            "A landscape with trees and a lake .",
            "A mountain range, with pine trees in front .",
            "The sun over a calm lake .",
            "Pine trees by the water .",
        ];
    }
}
