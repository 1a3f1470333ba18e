using System.CommandLine;
using System.Globalization;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Perturbations;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo blur --sigma S --out OUT.png IMAGE</c>: the Gaussian blur used by sweeps, applied to one image.</summary>
internal static class BlurCommand
{
    public static Command Create(CliContext context)
    {
        var sigma = new Option<double>("--sigma")
        {
            Description = "Standard deviation of the Gaussian in pixels (0 = unchanged), as scipy.ndimage.gaussian_filter with mode=\"reflect\", truncate=4.",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The blurred image to write: .png (lossless), .jpg/.jpeg (quality 95) or .bmp.",
            Required = true,
        };
        var image = new Argument<string>("IMAGE") { Description = "The image to blur (JPEG, PNG, BMP, GIF or WebP); it is converted to RGB first, alpha dropped." };
        var command = new Command("blur", "Blur an image with the Gaussian blur the sweeps apply before model preprocessing.")
        {
            sigma, output, image,
        };
        command.SetAction((parse, _) => CommandRunner.Run(context, () =>
            Run(context, parse.GetValue(sigma), parse.GetValue(output)!, parse.GetValue(image)!)));
        return command;
    }

    private static int Run(CliContext context, double sigma, string outPath, string imagePath)
    {
        if (!double.IsFinite(sigma) || sigma < 0 || sigma > GaussianBlur.MaxSigma)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--sigma must be a number from 0 to {GaussianBlur.MaxSigma} pixels, not {sigma}."));
        }

        IImageEncoder encoder = Path.GetExtension(outPath).ToLowerInvariant() switch
        {
            // Explicit 8-bit RGB: otherwise the encoders copy the source's format (an RGBA PNG would stay RGBA).
            ".png" => new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 },
            ".jpg" or ".jpeg" => new JpegEncoder { Quality = 95, ColorType = JpegColorType.YCbCrRatio420 },
            ".bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
            _ => throw new UsageException($"--out '{outPath}': the file name must end in .png, .jpg, .jpeg or .bmp."),
        };

        string target = OutputTarget.File("--out", outPath, [imagePath]);
        var blur = new GaussianBlur(sigma);
        using var loaded = new ImageDecoder().Load(imagePath);
        if (!loaded.Succeeded)
        {
            throw new InputException(imagePath, 0, loaded.Error!.Reason + ".");
        }

        var picture = loaded.Image;
        blur.Apply(picture, 0);
        picture.Save(target, encoder);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outPath}: {picture.Width}×{picture.Height}, {blur.CacheKey} (radius {blur.Radius}) of {imagePath}"));
        return ExitCodes.Success;
    }
}
