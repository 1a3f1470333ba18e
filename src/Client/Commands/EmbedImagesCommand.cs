using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Caching;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo embed images --model DIR|resnet18 [--sigma S] [--batch B] [--cache DIR] [--device D] --out F.npy IMAGE...</c>.
/// Images that cannot be used are reported on stderr and skipped; the good rows are written in argument order with
/// <c>F.index.csv</c> naming each row's image, and the exit code is then 1. <c>F.meta.json</c> records what the
/// numbers depend on (<see cref="EmbeddingMetadata"/>).
/// </summary>
internal static class EmbedImagesCommand
{
    public static Command Create(CliContext context)
    {
        var model = ModelCommandOptions.Model("CLIP model directory (model.onnx, or vision_model.onnx + text_model.onnx), an .onnx file, or resnet18 (embedded, ImageNet).");
        var sigma = ModelCommandOptions.Sigma();
        var batch = ModelCommandOptions.Batch();
        var device = ModelCommandOptions.Device();
        var tf32 = ModelCommandOptions.Tf32();
        var cache = new Option<string?>("--cache") { Description = "Embedding cache folder: embeddings already computed for the same model, image bytes, blur, decoder, device and precision are read, not recomputed.", HelpName = "DIR" };
        var output = ModelCommandOptions.Out("Output .npy: float32 [n, d], L2-normalised, rows in argument order (failed images skipped, see F.index.csv).");
        var images = new Argument<string[]>("IMAGE") { Description = "Image files (JPEG, PNG, BMP, GIF, WebP).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("images", "Embed image files: decode, optionally blur, preprocess, run the model in batches.");
        command.Options.Add(model);
        command.Options.Add(sigma);
        command.Options.Add(batch);
        command.Options.Add(device);
        command.Options.Add(tf32);
        command.Options.Add(cache);
        command.Options.Add(output);
        command.Arguments.Add(images);
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            var blur = ModelCommandOptions.Blur(parse.GetValue(sigma));
            var options = ModelCommandOptions.Encoder(context, parse.GetValue(batch), parse.GetValue(device)!, parse.GetValue(tf32));
            string[] paths = parse.GetValue(images)!;
            string outPath = ModelCommandOptions.OutputPath(parse.GetValue(output)!, paths);
            using var encoder = new ImageEncoder(parse.GetValue(model)!, options);
            string? cacheDir = parse.GetValue(cache);
            var embedder = new ImageEmbedder(encoder, cache: cacheDir is null ? null : new EmbeddingCache(cacheDir));
            var result = embedder.Embed(paths, blur, cancellationToken: cancellationToken);
            foreach (var error in result.Errors)
            {
                context.Error.WriteLine($"clipgeo: {error} (skipped)");
            }

            int d = result.Dimension;
            int good = 0;
            for (int i = 0; i < result.Count; i++)
            {
                if (result.Succeeded[i])
                {
                    result.Embeddings.AsSpan(i * d, d).CopyTo(result.Embeddings.AsSpan(good++ * d, d));
                }
            }

            int code = Finish(context, outPath, result.Embeddings.AsSpan(0, good * d), [good, d], paths, result.Succeeded,
                string.Create(CultureInfo.InvariantCulture,
                    $"{good} × {d} float32 ({encoder.Layout} model on {encoder.ExecutionProvider}, {encoder.Precision}; {result.Computed} computed, {result.CacheHits} from the cache)"));

            // What the numbers depend on (pipeline version, model hash, blur, decoder, provider, precision): F.meta.json.
            File.WriteAllText(Path.ChangeExtension(outPath, ".meta.json"), result.Metadata!.ToJson() + "\n");
            return code;
        }));
        return command;
    }

    /// <summary>Writes the rows and the index, prints one summary line; exit 1 when some input was skipped.</summary>
    internal static int Finish(CliContext context, string outPath, ReadOnlySpan<float> rows, int[] shape, IReadOnlyList<string> inputs, IReadOnlyList<bool> succeeded, string summary)
    {
        int good = shape[0];
        if (good == 0)
        {
            throw new InputException(inputs[0], 0, $"none of the {inputs.Count} images could be used; nothing was written.");
        }

        NpyFile.WriteSingle(outPath, rows, shape);
        ModelCommandOptions.WriteIndex(outPath, inputs, succeeded);
        context.Out.WriteLine($"wrote {outPath}: {summary}");
        if (good < inputs.Count)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clipgeo: {inputs.Count - good} of {inputs.Count} images were skipped; {ModelCommandOptions.IndexPath(outPath)} lists the image of each row."));
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
