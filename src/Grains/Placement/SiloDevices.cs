using System.Collections.Immutable;
using System.Globalization;
using ClipGeometry.Sweep;

namespace ClipGeometry.Grains.Placement;

/// <summary>
/// What one silo offers to the sweep: its GPUs (found by <see cref="CudaProbe"/>, chosen by <c>--devices</c>),
/// its cores and memory. Advertised to the cluster as silo metadata (<see cref="ToMetadata"/>) so placement
/// can put embedding workers where the GPUs are.
/// </summary>
public sealed record SiloDevices(IReadOnlyList<GpuDevice> Gpus, int Cores, long MemoryBytes, string CpuReason)
{
    /// <summary>Metadata key: the number of GPUs the silo runs workers on.</summary>
    public const string GpuCountKey = "clipgeo.gpus";

    /// <summary>Metadata key: the devices, e.g. <c>cuda:0 NVIDIA H100;cuda:1 NVIDIA H100</c> or <c>cpu</c>.</summary>
    public const string DevicesKey = "clipgeo.devices";

    /// <summary>Metadata key: logical processors.</summary>
    public const string CoresKey = "clipgeo.cores";

    /// <summary>Metadata key: memory available to the process, bytes.</summary>
    public const string MemoryKey = "clipgeo.memory-bytes";

    /// <summary>True when the silo runs at least one GPU worker.</summary>
    public bool HasGpu => Gpus.Count > 0;

    /// <summary>
    /// Resolves a <c>--devices</c> value (<c>auto</c>, <c>cpu</c> or <c>cuda:0,1</c>) against the CUDA probe.
    /// <paramref name="simulatedGpus"/> &gt; 0 skips the probe and advertises that many simulated GPUs (tests).
    /// </summary>
    /// <exception cref="ArgumentException">The value is malformed or names a device CUDA did not find.</exception>
    public static SiloDevices Resolve(string devices, int simulatedGpus)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var cores = Environment.ProcessorCount;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var value = devices.Trim().ToLowerInvariant();
        if (simulatedGpus > 0)
        {
            var simulated = Enumerable.Range(0, simulatedGpus)
                .Select(i => new GpuDevice(i, "simulated", 0, Simulated: true)).ToArray();
            return new SiloDevices(simulated, cores, memory, string.Empty);
        }
        if (value == "cpu")
        {
            return new SiloDevices([], cores, memory, "--devices cpu was given");
        }
        if (value == "auto")
        {
            var found = CudaProbe.FindDevices(out var reason);
            return new SiloDevices(found, cores, memory, reason);
        }
        if (!value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--devices must be auto, cpu or cuda:N[,N...], not '{devices}'.");
        }
        var ordinals = new List<int>();
        foreach (var part in value["cuda:".Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
            {
                throw new ArgumentException($"--devices '{devices}': '{part}' is not a CUDA device number.");
            }
            if (!ordinals.Contains(ordinal))
            {
                ordinals.Add(ordinal);
            }
        }
        var available = CudaProbe.FindDevices(out var why);
        var chosen = new List<GpuDevice>();
        foreach (var ordinal in ordinals)
        {
            var device = available.FirstOrDefault(d => d.Index == ordinal)
                ?? throw new ArgumentException(available.Count == 0
                    ? $"--devices names cuda:{ordinal} but this machine has no CUDA device ({why})."
                    : $"--devices names cuda:{ordinal} but CUDA found only {available.Count} device(s).");
            chosen.Add(device);
        }
        return new SiloDevices(chosen, cores, memory, string.Empty);
    }

    /// <summary>The silo metadata advertised to the cluster.</summary>
    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [GpuCountKey] = Gpus.Count.ToString(CultureInfo.InvariantCulture),
        [DevicesKey] = Describe(),
        [CoresKey] = Cores.ToString(CultureInfo.InvariantCulture),
        [MemoryKey] = MemoryBytes.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>One line naming the devices: <c>cuda:0 NAME;cuda:1 NAME</c>, or <c>cpu</c>.</summary>
    public string Describe() => HasGpu
        ? string.Join(';', Gpus.Select(g => string.Create(CultureInfo.InvariantCulture, $"cuda:{g.Index} {g.Name}")))
        : "cpu";

    /// <summary>
    /// A silo as results.json records it, from the metadata it advertises (devices, cores, memory); without that
    /// metadata, this process's own description.
    /// </summary>
    public static SiloDescription DescribeSilo(string address, ImmutableDictionary<string, string>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(DevicesKey, out var devices))
        {
            return SiloDescription.Local(address);
        }

        var local = SiloDescription.Local(address);
        int cores = metadata.TryGetValue(CoresKey, out var c) && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : local.Cores;
        double memory = metadata.TryGetValue(MemoryKey, out var m) && long.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
            ? Math.Round(bytes / (double)(1L << 30), 1)
            : local.MemoryGiB;
        return new SiloDescription(address, devices.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), cores, memory);
    }

    /// <summary>True when a silo's metadata advertises at least one GPU.</summary>
    public static bool AdvertisesGpu(ImmutableDictionary<string, string> metadata)
        => metadata is not null
            && metadata.TryGetValue(GpuCountKey, out var count)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var gpus)
            && gpus > 0;
}
