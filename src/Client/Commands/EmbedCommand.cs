using System.CommandLine;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo embed images|texts</c>: L2-normalised embeddings through ONNX Runtime.</summary>
internal static class EmbedCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("embed", "Embed images or texts with a CLIP model (ONNX) or the embedded resnet18; write float32 [n, d] .npy.");
        command.Subcommands.Add(EmbedImagesCommand.Create(context));
        command.Subcommands.Add(EmbedTextsCommand.Create(context));
        return command;
    }
}
