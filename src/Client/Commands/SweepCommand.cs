using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Client.Cli;
using ClipGeometry.Client.Sweeps;
using ClipGeometry.Grains;
using ClipGeometry.Sweep;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// <c>clipgeo sweep</c>: the study in one command — embed every image of a dataset at every perturbation level,
/// persistence per category and for all images, distances between levels, angles between categories, similarity,
/// bootstrap intervals and null baselines — on an in-process silo, or submitted to a cluster.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string>("--dataset") { Description = "The dataset: a folder (Flickr8k, COCO, a manifest) or a captions file.", Required = true, HelpName = "DIR" };
        var model = new Option<string>("--model") { Description = "A model folder (CLIP export), an .onnx file, or resnet18 (built in; no text tower).", DefaultValueFactory = _ => "resnet18", HelpName = "DIR|FILE.onnx|resnet18" };
        var perturbation = new Option<string?>("--perturbation") { Description = "The levels: blur:0,1,2,3,4,5 (the default), noise:0,5,10 or jpeg:100,50,10; the first is the reference level.", HelpName = "SPEC" };
        var sigmas = new Option<string?>("--sigmas") { Description = "Short for --perturbation blur:LIST, e.g. 0,1,2.", HelpName = "LIST" };
        var categories = new Option<string>("--categories")
        {
            Description = "captions (the default caption rules), a rules JSON file, zero-shot (each image to the nearest of the default rules' prompts under the CLIP text tower) or zero-shot:RULES.json (that file's prompts or template).",
            DefaultValueFactory = _ => "captions",
            HelpName = "captions|RULES.json|zero-shot[:RULES.json]",
        };
        var perCategory = new Option<int?>("--per-category") { Description = "Sample at most N images per category (seeded).", HelpName = "N" };
        var shardSize = new Option<int>("--shard-size") { Description = "Images per shard, the unit of embedding work.", DefaultValueFactory = _ => 32, HelpName = "N" };
        var dims = new Option<string>("--dims") { Description = "Homology dimensions.", DefaultValueFactory = _ => "0,1", HelpName = "LIST" };
        var metric = new Option<string>("--metric") { Description = "Distance between L2-normalised embeddings: euclidean, cosine or angular.", DefaultValueFactory = _ => "euclidean", HelpName = "euclidean|cosine|angular" };
        var maxPoints = new Option<int>("--max-points") { Description = "Above N points, persistence runs on a greedy subsample of N (cover radius recorded).", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var angleK = new Option<int>("--angle-k") { Description = "Top principal directions per category for the second set of angles.", DefaultValueFactory = _ => 10, HelpName = "K" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates (0 turns intervals off).", DefaultValueFactory = _ => 100, HelpName = "B" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var store = new Option<string?>("--store") { Description = "The artifact store (in process; default ~/.cache/clipgeo/store): vectors there are reused by later sweeps.", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Write the results directory here (see docs/results.md).", HelpName = "DIR" };
        var detach = new Option<bool>("--detach") { Description = "Submit to the cluster, print the sweep id and return (with --clustering)." };
        var cluster = new ClusterOptions();
        var command = new Command("sweep", "Run the whole study on a dataset: embeddings at every perturbation level, persistence, distances, angles, similarity, with bootstrap intervals.")
        {
            dataset, model, perturbation, sigmas, categories, perCategory, shardSize, dims, metric, maxPoints, angleK, bootstrap, seed, store, output, detach,
        };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            string? p = parse.GetValue(perturbation);
            string? s = parse.GetValue(sigmas);
            if (p is not null && s is not null)
            {
                throw new UsageException("give --perturbation or --sigmas, not both.");
            }

            if (s is not null)
            {
                CheckSigmas(s);
            }

            var spec = new SweepSpec
            {
                Dataset = parse.GetValue(dataset)!,
                Model = parse.GetValue(model)!,
                Perturbations = p ?? (s is not null ? "blur:" + s : SweepSpec.DefaultPerturbations),
                Categories = parse.GetValue(categories)!,
                PerCategory = parse.GetValue(perCategory),
                ShardSize = parse.GetValue(shardSize),
                Dims = ParseDims(parse.GetValue(dims)!),
                Metric = parse.GetValue(metric)!,
                MaxPoints = parse.GetValue(maxPoints),
                AngleK = parse.GetValue(angleK),
                Bootstrap = parse.GetValue(bootstrap),
                Seed = parse.GetValue(seed),
            };
            var target = cluster.Read(parse, required: false);
            bool detached = parse.GetValue(detach);
            if (detached && target is null)
            {
                throw new UsageException("--detach needs a cluster (--clustering …): an in-process sweep ends with this process.");
            }

            string? outDir = parse.GetValue(output);
            if (outDir is null && !detached)
            {
                throw new UsageException("--out DIR is required: the folder the results directory is written to.");
            }

            return await RunAsync(context, spec, parse.GetValue(store) ?? ArtifactStore.DefaultRoot, outDir, detached, target, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>Refuses a bad spec before any work, runs (or submits) the sweep, follows it and fetches the results.</summary>
    public static async Task<int> RunAsync(CliContext context, SweepSpec spec, string storeDirectory, string? outDir, bool detach, ClusterTarget? target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(spec);
        string sweepId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        if (outDir is not null)
        {
            string full = Path.GetFullPath(outDir);
            if (File.Exists(full))
            {
                throw new UsageException($"--out {outDir}: is a file; give a folder for the results directory.");
            }

            string parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full))!;
            if (!Directory.Exists(full) && !Directory.Exists(parent))
            {
                throw new UsageException($"--out {outDir}: the folder {parent} does not exist.");
            }
        }

        var clock = Stopwatch.StartNew();
        try
        {
            spec.Validate();
            if (target is null)
            {
                // In process the client reads the files, so it checks them (and the model's tensors) before any work;
                // a zero-shot sweep's check stops before embedding (the classification runs on the embedding workers).
                var check = new ArtifactStore(storeDirectory);
                _ = spec.IsZeroShot ? SweepUnits.PlanClassification(check, sweepId, spec) : SweepUnits.Plan(check, sweepId, spec);
            }
        }
        catch (SweepSpecException e) when (e.MissingFile)
        {
            await context.Error.WriteLineAsync($"clipgeo: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (SweepSpecException e)
        {
            throw new UsageException(e.Message);
        }

        await using var connection = target is null
            ? await ClusterConnection.InProcessAsync(storeDirectory, cancellationToken).ConfigureAwait(false)
            : await ClusterConnection.JoinAsync(target, cancellationToken).ConfigureAwait(false);
        var coordinator = connection.Client.GetGrain<ISweepCoordinatorGrain>(sweepId);
        var submitted = await coordinator.Submit(spec.ToJson(), connection.Mode).ConfigureAwait(false);
        if (submitted.Phase == "failed")
        {
            throw new UsageException(submitted.Error ?? "the sweep was refused.");
        }

        if (detach)
        {
            await context.Out.WriteLineAsync(sweepId).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await context.Error.WriteLineAsync($"clipgeo: sweep {sweepId} ({connection.Mode}); {spec.Levels.Count} levels, results to {outDir}.").ConfigureAwait(false);
        SweepStatus status;
        try
        {
            status = await SweepProgress.FollowAsync(context, coordinator, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (connection.Mode == "cluster")
            {
                await context.Error.WriteLineAsync($"clipgeo: detached; sweep {sweepId} goes on (clipgeo status {sweepId}).").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await coordinator.Cancel().ConfigureAwait(false);
            throw;
        }

        if (status.Phase != "finished")
        {
            await context.Error.WriteLineAsync($"clipgeo: sweep {sweepId} {status.Phase}: {status.Error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int files = await ResultsFetcher.FetchAsync(coordinator, outDir!, cancellationToken).ConfigureAwait(false);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"clipgeo: sweep {sweepId} finished in {clock.Elapsed.TotalSeconds:F1} s: {files} files in {outDir}.")).ConfigureAwait(false);
        await context.Out.WriteLineAsync(Path.GetFullPath(outDir!)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Refuses a bad --sigmas list naming --sigmas (not the --perturbation it stands for).</summary>
    private static void CheckSigmas(string sigmas)
    {
        try
        {
            _ = SweepLevel.Parse("blur:" + sigmas, 0);
        }
        catch (FormatException e)
        {
            string prefix = $"'blur:{sigmas}': ";
            string reason = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            reason = reason.Length > 1 && char.IsUpper(reason[0]) && char.IsLower(reason[1]) ? char.ToLowerInvariant(reason[0]) + reason[1..] : reason;
            throw new UsageException($"--sigmas {sigmas}: {reason}");
        }
    }

    private static int[] ParseDims(string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(static d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new UsageException($"--dims must list integers such as 0,1, not '{text}'.");
        }
    }
}
