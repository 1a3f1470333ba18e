using System.CommandLine;
using System.Globalization;
using ClipGeometry.Embedding.IO;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Models;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo tokenize --model DIR TEXT...</c>: CLIP token ids, one line per text.</summary>
internal static class TokenizeCommand
{
    public static Command Create(CliContext context)
    {
        var model = ModelCommandOptions.Model("Model directory holding vocab.json + merges.txt or bpe_simple_vocab_16e6.txt.gz (or its parent does).");
        var texts = new Argument<string[]>("TEXT") { Description = "Texts to tokenise.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokenize", "Print CLIP's token ids of each text on one line: start and end tokens included, no padding, cut to 77.");
        command.Options.Add(model);
        command.Arguments.Add(texts);
        command.SetAction((parse, _) => CommandRunner.Run(context, () =>
        {
            string dir = parse.GetValue(model)!;
            if (string.Equals(dir, ModelFiles.ResNet18Name, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(dir))
            {
                throw new UsageException("--model resnet18 has no tokenizer: it embeds images only; give a CLIP model directory.");
            }

            if (!Directory.Exists(dir))
            {
                throw new InputException(dir, 0, "no such model directory.");
            }

            var tokenizer = TextEncoder.LoadTokenizer(dir);
            foreach (string text in parse.GetValue(texts)!)
            {
                int[] ids = tokenizer.Encode(text);
                context.Out.WriteLine(string.Join(' ', ids.Select(static i => i.ToString(CultureInfo.InvariantCulture))));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
