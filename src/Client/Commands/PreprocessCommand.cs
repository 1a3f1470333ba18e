using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Preprocessing;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo preprocess --model DIR [--sigma S] --out F.npy IMAGE...</c>: the model's input tensors.</summary>
internal static class PreprocessCommand
{
    public static Command Create(CliContext context)
    {
        var model = ModelCommandOptions.Model("Model directory whose preprocessor_config.json is used (CLIP's values when absent), or resnet18.");
        var sigma = ModelCommandOptions.Sigma();
        var output = ModelCommandOptions.Out("Output .npy: float32 [n, 3, H, W], rows in argument order (failed images skipped, see F.index.csv).");
        var images = new Argument<string[]>("IMAGE") { Description = "Image files (JPEG, PNG, BMP, GIF, WebP).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("preprocess", "Decode, optionally blur, and preprocess images exactly as the model expects; write the tensors to .npy.");
        command.Options.Add(model);
        command.Options.Add(sigma);
        command.Options.Add(output);
        command.Arguments.Add(images);
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            var blur = ModelCommandOptions.Blur(parse.GetValue(sigma));
            string[] paths = parse.GetValue(images)!;
            string outPath = ModelCommandOptions.OutputPath(parse.GetValue(output)!, paths);
            string modelArg = parse.GetValue(model)!;
            var preprocessor = Preprocessor(modelArg);
            int per = preprocessor.ValuesPerImage;
            var values = new float[paths.Length * per];
            var ok = new bool[paths.Length];
            var errors = new ImageError?[paths.Length];
            var decoder = new ImageDecoder();
            Parallel.For(0, paths.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                try
                {
                    byte[] bytes = File.ReadAllBytes(paths[i]);
                    using var stream = new MemoryStream(bytes, writable: false);
                    using var load = decoder.Load(stream, paths[i]);
                    if (!load.Succeeded)
                    {
                        errors[i] = load.Error;
                        return;
                    }

                    blur?.Apply(load.Image, EmbeddingCache.SeedOf(EmbeddingCache.HashContent(bytes)));
                    preprocessor.Process(load.Image, values.AsSpan(i * per, per));
                    ok[i] = true;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors[i] = ImageError.ReadFailure(paths[i], e);
                }
            });

            int good = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                if (ok[i])
                {
                    values.AsSpan(i * per, per).CopyTo(values.AsSpan(good++ * per, per));
                }
                else
                {
                    context.Error.WriteLine($"clipgeo: {errors[i]} (skipped)");
                }
            }

            return EmbedImagesCommand.Finish(context, outPath, values.AsSpan(0, good * per), [good, 3, preprocessor.Height, preprocessor.Width], paths, ok,
                string.Create(CultureInfo.InvariantCulture, $"{good} × 3 × {preprocessor.Height} × {preprocessor.Width} float32"));
        }));
        return command;
    }

    /// <summary>The preprocessing of <c>--model</c>: only its <c>preprocessor_config.json</c> is read, no ONNX file is needed.</summary>
    private static ClipPreprocessor Preprocessor(string model)
    {
        if (Directory.Exists(model))
        {
            return ClipPreprocessor.FromDirectory(model);
        }

        if (File.Exists(model))
        {
            return ClipPreprocessor.FromDirectory(Path.GetDirectoryName(Path.GetFullPath(model))!);
        }

        if (ModelFiles.Resolve(model).IsResNet18)
        {
            return new ClipPreprocessor(new PreprocessorConfig { DoRescale = false, DoNormalize = false });
        }

        throw new InputException(model, 0, "no such model folder or file.");
    }
}
