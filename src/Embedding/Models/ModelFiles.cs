namespace ClipGeometry.Embedding.Models;

/// <summary>
/// The ONNX files a <c>--model</c> argument names: a directory holding <c>model.onnx</c> (HF Optimum's combined
/// graph) and/or <c>vision_model.onnx</c> + <c>text_model.onnx</c> (also looked for in an <c>onnx/</c> subfolder),
/// a single <c>.onnx</c> file, or <c>resnet18</c>, the embedded ImageNet ResNet-18. Which layout a file follows is
/// settled by its tensor names when an encoder opens it.
/// </summary>
public sealed class ModelFiles
{
    /// <summary>The name of the embedded default image model.</summary>
    public const string ResNet18Name = "resnet18";

    /// <summary>The layouts accepted, for error messages.</summary>
    public const string AcceptedLayouts =
        "accepted layouts: (1) HF Optimum's combined model.onnx with inputs input_ids, pixel_values, attention_mask and outputs image_embeds, text_embeds; " +
        "(2) separate vision_model.onnx (input pixel_values, output image_embeds) and text_model.onnx (input input_ids, output text_embeds); " +
        "(3) 'resnet18', the embedded ImageNet ResNet-18 (images only)";

    private ModelFiles(string directory, string? combined, string? vision, string? text, string? resNetPreprocess)
    {
        Directory = directory;
        CombinedPath = combined;
        VisionPath = vision;
        TextPath = text;
        ResNetPreprocessPath = resNetPreprocess;
    }

    /// <summary>The folder where the tokenizer files and <c>preprocessor_config.json</c> are looked for (then its parent).</summary>
    public string Directory { get; }

    /// <summary>The combined graph, or a single file of yet unknown layout.</summary>
    public string? CombinedPath { get; }

    /// <summary>The separate vision graph.</summary>
    public string? VisionPath { get; }

    /// <summary>The separate text graph.</summary>
    public string? TextPath { get; }

    /// <summary>For <c>resnet18</c>: the graph that turns RGB 0…255 into the network's BGR mean-subtracted input.</summary>
    public string? ResNetPreprocessPath { get; }

    /// <summary>The .onnx file the model argument named, when it named a file rather than a folder.</summary>
    public string? NamedFile { get; private init; }

    /// <summary>True for the embedded ResNet-18.</summary>
    public bool IsResNet18 => ResNetPreprocessPath is not null;

    /// <summary>The folder the embedded ResNet-18 is copied to beside the program.</summary>
    public static string ResNet18Directory => Path.Combine(AppContext.BaseDirectory, "Models", "resnet18");

    /// <summary>Resolves <paramref name="model"/>: a directory, an .onnx file, or <c>resnet18</c>.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist or holds no model file; the message lists the layouts accepted.</exception>
    public static ModelFiles Resolve(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (string.Equals(model, ResNet18Name, StringComparison.OrdinalIgnoreCase) && !Path.Exists(model))
        {
            string dir = ResNet18Directory;
            string net = Path.Combine(dir, "ResNet18.onnx");
            string prep = Path.Combine(dir, "ResNetPreprocess.onnx");
            if (!File.Exists(net) || !File.Exists(prep))
            {
                throw new FileNotFoundException($"The embedded resnet18 model is missing (expected {net} and {prep}); the installation is incomplete.", net);
            }

            return new ModelFiles(dir, null, net, null, prep);
        }

        if (File.Exists(model))
        {
            string full = Path.GetFullPath(model);
            string dir = Path.GetDirectoryName(full)!;
            // A named file is used as named: text_model.onnx gives no image model, vision_model.onnx no text model.
            return Path.GetFileName(full).ToLowerInvariant() switch
            {
                "vision_model.onnx" => new ModelFiles(dir, null, full, null, null) { NamedFile = full },
                "text_model.onnx" => new ModelFiles(dir, null, null, full, null) { NamedFile = full },
                _ => new ModelFiles(dir, full, null, null, null) { NamedFile = full },
            };
        }

        if (!System.IO.Directory.Exists(model))
        {
            throw new FileNotFoundException($"{model}: no such model directory or file (give a folder with ONNX files, an .onnx file, or '{ResNet18Name}').", model);
        }

        string root = Path.GetFullPath(model);
        foreach (string dir in new[] { root, Path.Combine(root, "onnx") })
        {
            string? combined = Sibling(dir, "model.onnx");
            string? vision = Sibling(dir, "vision_model.onnx");
            string? text = Sibling(dir, "text_model.onnx");
            if (combined is not null || vision is not null || text is not null)
            {
                return new ModelFiles(root, combined, vision, text, null);
            }
        }

        string[] found = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetFiles(root, "*.onnx").Select(static f => Path.GetFileName(f)).ToArray()
            : [];
        throw new FileNotFoundException(
            $"{model}: no model.onnx, vision_model.onnx or text_model.onnx found" +
            (found.Length > 0 ? $" (ONNX files present: {string.Join(", ", found)})" : string.Empty) +
            $"; {AcceptedLayouts}.", model);
    }

    private static string? Sibling(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        return File.Exists(path) ? path : null;
    }
}
