using System.Diagnostics;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Grains.Placement;
using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ClipGeometry.Grains;

/// <summary>
/// A sweep's coordinator (key: sweep id). Submit returns at once; a grain timer drives the sweep: the plan (on the
/// thread pool), then a ledger of units (<see cref="SweepUnits.All"/>: embed per shard, texts, persistence per level
/// and point set, bootstrap replicates in chunks, null baselines, replicate distances and wasserstein rows per point
/// set and level, angles and similarity per level, results), each dispatched as soon as its inputs
/// (<see cref="SweepUnits.Inputs"/>) are done (a category's persistence at σ = 1 starts when that category is
/// embedded, its distances when both levels' diagrams exist), polled, retried a bounded number of times and counted
/// once. The ledger is
/// persisted after every change; on activation and from a reminder the coordinator re-drives what is unfinished.
/// </summary>
public sealed class SweepCoordinatorGrain(
    [PersistentState("sweep", ClipGeometrySiloConfiguration.StorageName)] IPersistentState<CoordinatorState> state,
    ArtifactStore store,
    IOptions<ClusterOptions> cluster,
    ILogger<SweepCoordinatorGrain> logger) : Grain, ISweepCoordinatorGrain, IRemindable
{
    /// <summary>Dispatches of one unit before the sweep fails.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The largest chunk a client may read at once.</summary>
    public const int MaxChunk = 4 << 20;

    private const string ReminderName = "drive";
    private const string ResultsKey = SweepUnits.ResultsKind;
    private const string Classify = "classify";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _cancel = new();
    private IGrainTimer? _timer;
    private Task<SweepPlan>? _planning;
    private Task<SweepPlan>? _classifying;
    private Task? _results;
    private Task? _texts;
    private SweepSpec? _spec;
    private SweepPlan? _plan;
    private readonly Dictionary<string, string[]> _inputs = new(StringComparer.Ordinal);
    private Activity? _sweepActivity;

    private string Id => this.GetPrimaryKeyString();

    private CoordinatorState S => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Phase is "planning" or "running")
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Sweep {SweepId}: re-driving from the persisted ledger ({Phase}).", Id, S.Phase);
            }

            StartTimer();
            if (S.TraceParent is not null && ActivityContext.TryParse(S.TraceParent, null, out var parent))
            {
                // The sweep's span was lost with its silo: a resumed span continues the same trace.
                _sweepActivity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.SweepActivity, ActivityKind.Internal, parent);
                _sweepActivity?.SetTag("clipgeo.sweep", Id);
                _sweepActivity?.SetTag("clipgeo.resumed", true);
            }
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancel.Dispose();
        _sweepActivity?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SweepStatus> Submit(string specJson, string mode)
    {
        if (S.SpecJson is not null)
        {
            return Status();
        }

        S.CreatedUtc = DateTimeOffset.UtcNow;
        _sweepActivity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.SweepActivity);
        _sweepActivity?.SetTag("clipgeo.sweep", Id);
        S.TraceParent = _sweepActivity?.Id;
        S.Mode = mode;
        S.SpecJson = specJson;
        try
        {
            _spec = SweepSpec.FromJson(specJson);
            _spec.Validate();
            S.Phase = "planning";
        }
        catch (Exception e) when (e is SweepSpecException or System.Text.Json.JsonException or InvalidDataException)
        {
            S.Phase = "failed";
            S.Error = e.Message;
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Add(new SweepSummary(Id, S.CreatedUtc, _spec?.Dataset ?? string.Empty));
        if (S.Phase == "planning")
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            StartTimer();
        }

        return Status();
    }

    /// <inheritdoc />
    public Task<SweepStatus> GetStatus() => Task.FromResult(Status());

    /// <inheritdoc />
    public async Task<SweepStatus> Cancel()
    {
        if (Status().IsOver)
        {
            return Status();
        }

        S.Phase = "cancelled";
        S.Error = "cancelled";
        await _cancel.CancelAsync();
        foreach (var (key, unit) in S.Units.Where(static u => u.Value.Status == UnitStatus.Running))
        {
            try
            {
                await (unit.Kind switch
                {
                    "embed" => GrainFactory.GetGrain<ICategoryShardGrain>($"{Id}/{unit.Category}/{unit.Shard}").Cancel(),
                    "topology" => GrainFactory.GetGrain<ITopologyGrain>($"{Id}/{unit.Level}/{unit.Category}").Cancel(),
                    Classify => ClassificationGrain(unit.Shard).Cancel(),
                    SweepUnits.TextsKind or ResultsKey => Task.CompletedTask,
                    _ => GrainFactory.GetGrain<ISweepUnitGrain>($"{Id}/{key}").Cancel(),
                });
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("Sweep {SweepId}: could not cancel {Unit}: {Message}", Id, key, e.Message);
            }
        }

        await Stop();
        return Status();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResultFile>> ListResults()
    {
        if (S.Phase != "finished")
        {
            throw new InvalidOperationException($"Sweep {Id} has no results: it is {S.Phase}{(S.Error is null ? string.Empty : " (" + S.Error + ")")}.");
        }

        string folder = SweepPaths.Results(Id);
        return Task.FromResult<IReadOnlyList<ResultFile>>(store.List(folder)
            .Select(f => new ResultFile(f, new FileInfo(store.PathOf(folder + "/" + f)).Length)).ToList());
    }

    /// <inheritdoc />
    public async Task<ResultChunk> ReadResult(string path, long offset, int count)
    {
        if (S.Phase != "finished")
        {
            throw new InvalidOperationException($"Sweep {Id} has no results: it is {S.Phase}.");
        }

        string file = store.PathOf(SweepPaths.Results(Id) + "/" + path);
        if (!file.StartsWith(store.PathOf(SweepPaths.Results(Id)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a file of sweep {Id}'s results.", nameof(path));
        }

        using var handle = File.OpenHandle(file);
        long length = RandomAccess.GetLength(handle);
        int n = (int)Math.Clamp(Math.Min(count, length - offset), 0, MaxChunk);
        var buffer = new byte[n];
        int read = 0;
        while (read < n)
        {
            int got = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), offset + read);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        return new ResultChunk(read == n ? buffer : buffer[..read]);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Status().IsOver)
        {
            await Stop();
        }
        else
        {
            StartTimer();
        }
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(Drive, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Tick, KeepAlive = true });

    private async Task Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _sweepActivity?.SetTag("clipgeo.phase", S.Phase);
        _sweepActivity?.Dispose();
        _sweepActivity = null;
        await state.WriteStateAsync();
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private SweepStatus Status()
    {
        // Zero-shot classification shards count as embedding work, so progress shows during the planning phase.
        int Count(Func<LedgerEntry, bool> which, bool done) => S.Units.Values.Count(u => which(u) && (!done || u.Status == UnitStatus.Done));
        static bool Embed(LedgerEntry u) => u.Kind is SweepUnits.EmbedKind or Classify;
        static bool Stage(LedgerEntry u, string stage) => u.Kind is not (SweepUnits.TextsKind or Classify) && SweepUnits.StageOf(u.Kind) == stage;
        return new SweepStatus(Id, S.Phase, S.Error, Count(Embed, true), Count(Embed, false),
            Count(u => Stage(u, "persistence"), true), Count(u => Stage(u, "persistence"), false),
            Count(u => Stage(u, "metrics"), true), S.Images, S.Retried, S.CreatedUtc, Count(u => Stage(u, "metrics"), false));
    }

    private double Since() => (DateTimeOffset.UtcNow - S.CreatedUtc).TotalSeconds;

    private void Mark(string stage, string edge)
    {
        string key = stage + ":" + edge;
        if (edge == "end" || !S.Timings.ContainsKey(key))
        {
            S.Timings[key] = Since();
        }
    }

    private async Task Fail(string message)
    {
        logger.LogWarning("Sweep {SweepId} failed: {Message}", Id, message);
        S.Phase = "failed";
        S.Error = message;
        await Stop();
    }

    private async Task Drive(CancellationToken cancellationToken)
    {
        if (Status().IsOver)
        {
            await Stop();
            return;
        }

        _spec ??= SweepSpec.FromJson(S.SpecJson!);
        if (S.Phase == "planning")
        {
            var spec = _spec;
            if (spec.IsZeroShot && !await DriveClassification(cancellationToken))
            {
                return;
            }

            _planning ??= spec.IsZeroShot
                ? Task.Run(() => SweepUnits.PlanZeroShot(store, Id, spec, _classifying!.Result, _cancel.Token), _cancel.Token)
                : Task.Run(() => SweepUnits.Plan(store, Id, spec), _cancel.Token);
            if (!_planning.IsCompleted)
            {
                return;
            }

            if (!_planning.IsCompletedSuccessfully)
            {
                await Fail(_planning.Exception?.InnerException?.Message ?? "planning was cancelled");
                return;
            }

            _plan = _planning.Result;
            var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
            S.Workers = Math.Max(1, hosts.Count);
            S.Images = _plan.Items.Count;
            Ledger(_plan, spec);
            S.Timings["plan"] = Since();
            S.Phase = "running";
            await state.WriteStateAsync(cancellationToken);
            return;
        }

        _plan ??= SweepPlan.FromJson(store.ReadText(SweepPaths.Plan(Id)));
        bool changed = false;
        foreach (var (key, unit) in S.Units)
        {
            if (unit.Status is UnitStatus.Done or UnitStatus.Failed)
            {
                continue;
            }

            if (unit.Status == UnitStatus.Pending)
            {
                if (!Ready(key, unit))
                {
                    continue;
                }

                try
                {
                    await Dispatch(key, unit);
                    unit.Attempts++;
                    if (unit.Attempts > 1)
                    {
                        S.Retried++;
                        ClipGeoTelemetry.UnitsRetried.Add(1, new KeyValuePair<string, object?>("kind", unit.Kind));
                    }

                    unit.Status = UnitStatus.Running;
                    Mark(SweepUnits.StageOf(unit.Kind), "start");
                    changed = true;
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    logger.LogWarning("Sweep {SweepId}: dispatching {Unit} failed ({Message}); will retry.", Id, key, e.Message);
                }

                continue;
            }

            UnitReport report;
            try
            {
                report = await Poll(key, unit);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("Sweep {SweepId}: polling {Unit} failed ({Message}); dispatching it again.", Id, key, e.Message);
                report = UnitReport.Unknown;
            }

            switch (report.Status)
            {
                case UnitStatus.Done:
                    unit.Status = UnitStatus.Done;
                    Mark(SweepUnits.StageOf(unit.Kind), "end");
                    changed = true;
                    break;
                case UnitStatus.Failed or UnitStatus.Unknown:
                    unit.Error = report.Error;
                    unit.Status = UnitStatus.Pending;
                    if (report.Status == UnitStatus.Failed && unit.Attempts >= MaxAttempts)
                    {
                        unit.Status = UnitStatus.Failed;
                        await Fail($"{key} failed {unit.Attempts} times: {report.Error}");
                        return;
                    }

                    changed = true;
                    break;
            }
        }

        if (S.Units.Values.All(static u => u.Status == UnitStatus.Done))
        {
            S.Phase = "finished";
            S.Timings["total"] = Since();
            await Stop();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Sweep {SweepId} finished in {Seconds:F1} s.", Id, S.Timings["total"]);
            }

            return;
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The zero-shot planning phase before the plan exists: the classification plan (on the thread pool), then its shards
    /// dispatched to the embedding workers like embed units (reference level only), polled and retried; true once every
    /// shard is embedded.
    /// </summary>
    private async Task<bool> DriveClassification(CancellationToken cancellationToken)
    {
        var spec = _spec!;
        _classifying ??= Task.Run(() => SweepUnits.PlanClassification(store, Id, spec), _cancel.Token);
        if (!_classifying.IsCompleted)
        {
            return false;
        }

        if (!_classifying.IsCompletedSuccessfully)
        {
            await Fail(_classifying.Exception?.InnerException?.Message ?? "planning was cancelled");
            return false;
        }

        bool changed = false;
        if (!S.Units.Values.Any(static u => u.Kind == Classify))
        {
            var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
            S.Workers = Math.Max(1, hosts.Count);
            foreach (var shard in _classifying.Result.Shards)
            {
                S.Units[SweepUnits.ClassificationKey(shard.Index)] = new LedgerEntry { Kind = Classify, Category = shard.Category, Shard = shard.Index };
            }

            changed = true;
        }

        foreach (var (key, unit) in S.Units.Where(static u => u.Value.Kind == Classify && u.Value.Status != UnitStatus.Done))
        {
            var report = UnitReport.Unknown;
            try
            {
                if (unit.Status == UnitStatus.Pending)
                {
                    await ClassificationGrain(unit.Shard).Start(new ShardWork(Id, S.SpecJson!, unit.Category, unit.Shard, S.Workers, Classify: true));
                    unit.Attempts++;
                    S.Retried += unit.Attempts > 1 ? 1 : 0;
                    unit.Status = UnitStatus.Running;
                    Mark(Classify, "start");
                    changed = true;
                    continue;
                }

                report = await ClassificationGrain(unit.Shard).Poll();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("Sweep {SweepId}: {Unit} could not be reached ({Message}); dispatching it again.", Id, key, e.Message);
            }

            if (report.Status == UnitStatus.Done)
            {
                unit.Status = UnitStatus.Done;
                Mark(Classify, "end");
                changed = true;
            }
            else if (report.Status is UnitStatus.Failed or UnitStatus.Unknown)
            {
                unit.Error = report.Error;
                unit.Status = UnitStatus.Pending;
                changed = true;
                if (report.Status == UnitStatus.Failed && unit.Attempts >= MaxAttempts)
                {
                    unit.Status = UnitStatus.Failed;
                    await Fail($"{key} failed {unit.Attempts} times: {report.Error}");
                    return false;
                }
            }
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        return S.Units.Values.All(static u => u.Kind != Classify || u.Status == UnitStatus.Done);
    }

    private ICategoryShardGrain ClassificationGrain(int shard) => GrainFactory.GetGrain<ICategoryShardGrain>($"{Id}/~{Classify}/{shard}");

    private void Ledger(SweepPlan plan, SweepSpec spec)
    {
        if (S.Units.Values.Any(static u => u.Kind != Classify))
        {
            return;
        }

        foreach (var unit in SweepUnits.All(spec, plan))
        {
            S.Units[unit.Key] = LedgerEntry.Of(unit);
        }
    }

    private bool Ready(string key, LedgerEntry unit)
    {
        if (!_inputs.TryGetValue(key, out var inputs))
        {
            _inputs[key] = inputs = [.. SweepUnits.Inputs(_spec!, _plan!, Unit(key, unit))];
        }

        return inputs.All(k => S.Units.TryGetValue(k, out var input) && input.Status == UnitStatus.Done);
    }

    private static SweepUnit Unit(string key, LedgerEntry unit) => new(key, unit.Kind, unit.Level, unit.Category, unit.Shard, unit.Points);

    private async Task Dispatch(string key, LedgerEntry unit)
    {
        if (_sweepActivity is { IsStopped: false })
        {
            // Dispatches are children of the sweep's span; Orleans' activity propagation carries it to the unit's silo.
            Activity.Current = _sweepActivity;
        }

        switch (unit.Kind)
        {
            case "embed":
                await GrainFactory.GetGrain<ICategoryShardGrain>($"{Id}/{unit.Category}/{unit.Shard}")
                    .Start(new ShardWork(Id, S.SpecJson!, unit.Category, unit.Shard, S.Workers));
                break;
            case "topology":
                await GrainFactory.GetGrain<ITopologyGrain>($"{Id}/{unit.Level}/{unit.Category}")
                    .Start(new TopologyWork(Id, S.SpecJson!, unit.Level, unit.Category, unit.Points));
                break;
            case SweepUnits.TextsKey:
                var textSpec = _spec!;
                var textPlan = _plan!;
                _texts = Task.Run(() => SweepUnits.Texts(store, Id, textSpec, textPlan, _cancel.Token), _cancel.Token);
                break;
            case ResultsKey:
                var info = await RunInfo();
                var spec = _spec!;
                var plan = _plan!;
                _results = Task.Run(() => SweepResultsWriter.Write(store, Id, spec, plan, info, _cancel.Token), _cancel.Token);
                break;
            default:
                await GrainFactory.GetGrain<ISweepUnitGrain>($"{Id}/{key}")
                    .Start(new SweepUnitWork(Id, S.SpecJson!, key, unit.Kind, unit.Level, unit.Category, unit.Shard, unit.Points));
                break;
        }
    }

    private async Task<UnitReport> Poll(string key, LedgerEntry unit) => unit.Kind switch
    {
        "embed" => await GrainFactory.GetGrain<ICategoryShardGrain>($"{Id}/{unit.Category}/{unit.Shard}").Poll(),
        "topology" => await GrainFactory.GetGrain<ITopologyGrain>($"{Id}/{unit.Level}/{unit.Category}").Poll(),
        SweepUnits.TextsKey => Report(_texts),
        ResultsKey => Report(_results),
        _ => await GrainFactory.GetGrain<ISweepUnitGrain>($"{Id}/{key}").Poll(),
    };

    private static UnitReport Report(Task? task) => task switch
    {
        null => UnitReport.Unknown,
        { IsCompletedSuccessfully: true } => new UnitReport(UnitStatus.Done),
        { IsCompleted: true } r => new UnitReport(UnitStatus.Failed, r.Exception?.InnerException?.Message ?? "cancelled"),
        _ => new UnitReport(UnitStatus.Running),
    };

    private async Task<SweepRunInfo> RunInfo()
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var metadata = ServiceProvider.GetService<ISiloMetadataCache>();
        double Span(string stage) => S.Timings.TryGetValue(stage + ":end", out double end) && S.Timings.TryGetValue(stage + ":start", out double start) ? end - start : 0;
        var timings = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["plan"] = S.Timings.GetValueOrDefault("plan"),
            ["embed"] = Span("embedding"),
            ["persistence"] = Span("persistence"),
            ["metrics"] = Span("metrics"),
            ["total"] = Since(),
        };
        return new SweepRunInfo
        {
            CreatedUtc = S.CreatedUtc,
            Timings = timings,
            Mode = S.Mode,
            ClusterId = cluster.Value.ClusterId,
            Silos = hosts.Keys.Select(h => SiloDevices.DescribeSilo(h.ToParsableString(), metadata?.GetSiloMetadata(h).Metadata)).ToList(),
            UnitsTotal = S.Units.Count,
            UnitsRetried = S.Retried,
            UnitsFailed = S.Units.Values.Count(static u => u.Status == UnitStatus.Failed),
        };
    }
}
