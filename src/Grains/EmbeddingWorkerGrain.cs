using System.Diagnostics;
using System.Collections.Concurrent;
using System.Threading.Channels;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Grains.Placement;
using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Sweep;

namespace ClipGeometry.Grains;

/// <summary>
/// An embedding worker: one ONNX session (per model), a bounded queue of shards served one at a time on a
/// thread-pool thread outside the grain scheduler (each shard is decoded in parallel and encoded in batches by
/// <see cref="ShardEmbedder"/>). A full queue refuses, and the shard grain backs off.
/// </summary>
/// <remarks>Placed on silos that advertise a GPU when the cluster has any, on any silo otherwise.</remarks>
[GpuPreferredPlacementFilter]
public sealed class EmbeddingWorkerGrain(ArtifactStore store) : Grain, IEmbeddingWorkerGrain
{
    /// <summary>Shards that may wait in the queue besides the one being embedded.</summary>
    public const int QueueCapacity = 2;

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<Job> _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _consumer;
    private string? _silo;
    private KeyValuePair<string, object?> _depthTag;
    private (string Model, ImageEncoder Encoder, ShardEmbedder Embedder)? _session;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _silo = GrainContext.Address.SiloAddress?.ToParsableString();
        _depthTag = new KeyValuePair<string, object?>("worker", this.GetPrimaryKeyString());
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryEnqueue(ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        string key = work.SweepId + "|" + work.Key;
        if (_jobs.TryGetValue(key, out var known) && known.Status != UnitStatus.Failed)
        {
            return Task.FromResult(true);
        }

        // The caller's span (Orleans' propagation makes it a descendant of the sweep's): the unit's span starts under
        // it later, on the consumer, where the current activity is no longer the caller's.
        var job = new Job(work, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(job))
        {
            job.Cancel.Dispose();
            return Task.FromResult(false);
        }

        _jobs[key] = job;
        ClipGeoTelemetry.QueueDepth.Add(1, _depthTag);
        _consumer ??= Task.Run(() => Consume(_stop.Token));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<UnitReport> Poll(string sweepId, string unitKey) =>
        Task.FromResult(_jobs.TryGetValue(sweepId + "|" + unitKey, out var job) ? new UnitReport(job.Status, job.Error) : UnitReport.Unknown);

    /// <inheritdoc />
    public Task Cancel(string sweepId)
    {
        foreach (var job in _jobs.Values.Where(j => j.Work.SweepId == sweepId))
        {
            job.Cancel.Cancel();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        if (_consumer is not null)
        {
            await _consumer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        // Shards still queued will not run here: fail them (their shard grains queue them again) and count them out.
        while (_queue.Reader.TryRead(out var left))
        {
            ClipGeoTelemetry.QueueDepth.Add(-1, _depthTag);
            left.Error = "the embedding worker was deactivated";
            left.Status = UnitStatus.Failed;
        }

        _session?.Encoder.Dispose();
        _stop.Dispose();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task Consume(CancellationToken stop)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stop))
            {
                ClipGeoTelemetry.QueueDepth.Add(-1, _depthTag);
                if (job.Cancel.IsCancellationRequested)
                {
                    job.Error = "cancelled";
                    job.Status = UnitStatus.Failed;
                    continue;
                }

                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, job.Cancel.Token);
                using var activity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.UnitActivity, ActivityKind.Internal, job.Parent);
                activity?.SetTag("clipgeo.sweep", job.Work.SweepId);
                activity?.SetTag("clipgeo.unit", job.Work.Key);
                activity?.SetTag(ClipGeoTelemetry.SiloTag, _silo);
                job.Status = UnitStatus.Running;
                try
                {
                    var spec = SweepSpec.FromJson(job.Work.SpecJson);
                    if (job.Work.Classify)
                    {
                        var classification = SweepPlan.FromJson(store.ReadText(SweepPaths.Classification(job.Work.SweepId)));
                        if (!SweepUnits.ClassificationStored(store, job.Work.SweepId, job.Work.Shard))
                        {
                            SweepUnits.Classify(store, job.Work.SweepId, spec, classification, classification.Shards[job.Work.Shard], Embedder(spec.Model), linked.Token);
                        }

                        job.Status = UnitStatus.Done;
                        continue;
                    }

                    var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan(job.Work.SweepId)));
                    var shard = plan.Shards.Single(s => s.Category == job.Work.Category && s.Index == job.Work.Shard);
                    if (!store.Exists(SweepPaths.Shard(job.Work.SweepId, shard.Category, shard.Index)))
                    {
                        SweepUnits.Embed(store, job.Work.SweepId, spec, plan, shard, Embedder(spec.Model), null, linked.Token);
                    }

                    job.Status = UnitStatus.Done;
                }
                catch (OperationCanceledException)
                {
                    job.Error = "cancelled";
                    job.Status = UnitStatus.Failed;
                }
                catch (Exception e)
                {
                    job.Error = e.Message;
                    job.Status = UnitStatus.Failed;
                    ClipGeoTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("kind", "unit"));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The worker is deactivating.
        }
    }

    private ShardEmbedder Embedder(string model)
    {
        if (_session is { } s && s.Model == model)
        {
            return s.Embedder;
        }

        _session?.Encoder.Dispose();
        var encoder = new ImageEncoder(model, new EncoderOptions { Notice = static _ => { } });
        _session = (model, encoder, new ShardEmbedder(encoder));
        return _session.Value.Embedder;
    }

    private sealed class Job(ShardWork work, ActivityContext parent)
    {
        private volatile UnitStatus _status = UnitStatus.Pending;

        public ShardWork Work { get; } = work;

        public ActivityContext Parent { get; } = parent;

        public CancellationTokenSource Cancel { get; } = new();

        public UnitStatus Status
        {
            get => _status;
            set => _status = value;
        }

        public string? Error { get; set; }
    }
}
