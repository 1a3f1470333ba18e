using System.CommandLine;
using ClipGeometry.Client.Cli;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Sweep;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo demo</c>: generates the synthetic dataset and runs the full sweep on it (σ = 0…5, dims 0 and 1,
/// ResNet-18 in process), sized to finish in under three minutes on two cores.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Images per category: 6 levels × 5 categories × 24 = 720 encodings, about 26 s of ResNet-18 on 2 cores.</summary>
    public const int ImagesPerCategory = 24;

    /// <summary>Bootstrap replicates in the demo (each a persistence computation per level and point set).</summary>
    public const int Bootstrap = 20;

    /// <summary>Null-baseline draws in the demo.</summary>
    public const int NullDraws = 5;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Where the demo dataset (dataset/) and the results go.", DefaultValueFactory = _ => "clipgeo-demo", HelpName = "DIR" };
        var store = new Option<string?>("--store") { Description = "The artifact store (default ~/.cache/clipgeo/store).", HelpName = "DIR" };
        var model = new Option<string>("--model") { Description = "The model: resnet18 (built in) or a CLIP export folder.", DefaultValueFactory = _ => "resnet18", HelpName = "DIR|resnet18" };
        var command = new Command("demo", "Generate a synthetic image–caption dataset and run the whole sweep on it in process (about 3 minutes on 2 cores).")
        {
            output, store, model,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            string root = OutputTarget.Folder("--out", parse.GetValue(output)!, ["dataset", "results"], []);
            string dataset = Path.Combine(root, "dataset");
            if (!File.Exists(Path.Combine(dataset, "captions.txt")))
            {
                await context.Error.WriteLineAsync($"clipgeo: generating the demo dataset ({ImagesPerCategory} images in each of {DemoDatasetGenerator.Categories.Count} categories) in {dataset}.").ConfigureAwait(false);
                DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = ImagesPerCategory }, cancellationToken: cancellationToken);
            }

            var spec = new SweepSpec
            {
                Dataset = dataset,
                Model = parse.GetValue(model)!,
                Perturbations = SweepSpec.DefaultPerturbations,
                Dims = [0, 1],
                Bootstrap = Bootstrap,
                NullDraws = NullDraws,
                ShardSize = 8,
            };
            return await SweepCommand.RunAsync(context, spec, parse.GetValue(store) ?? ArtifactStore.DefaultRoot, Path.Combine(root, "results"), detach: false, target: null, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
