using System.CommandLine;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo embed texts --model DIR --out F.npy (TEXT... | --file FILE)</c>.</summary>
internal static class EmbedTextsCommand
{
    public static Command Create(CliContext context)
    {
        var model = ModelCommandOptions.Model("CLIP model directory (model.onnx, or text_model.onnx; the tokenizer files in it or its parent).");
        var batch = ModelCommandOptions.Batch();
        var device = ModelCommandOptions.Device();
        var tf32 = ModelCommandOptions.Tf32();
        var file = new Option<string?>("--file") { Description = "Read the texts from FILE, one per line (blank lines skipped).", HelpName = "FILE" };
        var output = ModelCommandOptions.Out("Output .npy: float32 [n, d], L2-normalised, rows in order.");
        var texts = new Argument<string[]>("TEXT") { Description = "Texts to embed (or --file).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("texts", "Embed texts with a CLIP text tower.");
        command.Options.Add(model);
        command.Options.Add(batch);
        command.Options.Add(device);
        command.Options.Add(tf32);
        command.Options.Add(file);
        command.Options.Add(output);
        command.Arguments.Add(texts);
        command.SetAction((parse, cancellationToken) => CommandRunner.Run(context, () =>
        {
            string[] given = parse.GetValue(texts) ?? [];
            string? path = parse.GetValue(file);
            if (given.Length > 0 && path is not null)
            {
                throw new UsageException("give the texts either as arguments or with --file, not both.");
            }

            if (given.Length == 0 && path is null)
            {
                throw new UsageException("no texts: give them as arguments or with --file FILE.");
            }

            string modelArg = parse.GetValue(model)!;
            if (string.Equals(modelArg, ModelFiles.ResNet18Name, StringComparison.OrdinalIgnoreCase) && !Path.Exists(modelArg))
            {
                throw new UsageException("--model resnet18 embeds images only; texts and cross-modal analyses need a CLIP model directory.");
            }

            var options = ModelCommandOptions.Encoder(context, parse.GetValue(batch), parse.GetValue(device)!, parse.GetValue(tf32));
            string outPath = OutputTarget.File("--out", parse.GetValue(output)!, path is null ? [] : [path]);
            string[] items = path is null ? given : ReadTexts(path);
            using var encoder = new TextEncoder(modelArg, options);
            float[] embeddings = encoder.Encode(items, cancellationToken);
            NpyFile.WriteSingle(outPath, embeddings, items.Length, encoder.Dimension);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outPath}: {items.Length} × {encoder.Dimension} float32 ({encoder.Layout} model on {encoder.ExecutionProvider})"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] ReadTexts(string path)
    {
        InputFile.Require(path);

        string[] lines = File.ReadAllLines(path).Where(static l => !string.IsNullOrWhiteSpace(l)).ToArray();
        return lines.Length > 0 ? lines : throw new InputException(path, 0, "the file holds no text (one text per line expected).");
    }
}
