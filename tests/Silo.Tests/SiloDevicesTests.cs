using System.Collections.Immutable;
using ClipGeometry.Grains.Placement;

namespace ClipGeometry.Silo.Tests;

public sealed class SiloDevicesTests
{
    [Fact]
    public void Simulated_gpus_are_advertised_in_metadata()
    {
        var devices = SiloDevices.Resolve("auto", simulatedGpus: 2);
        var metadata = devices.ToMetadata().ToImmutableDictionary();
        Assert.True(devices.HasGpu);
        Assert.Equal("2", metadata[SiloDevices.GpuCountKey]);
        Assert.Equal("cuda:0 simulated;cuda:1 simulated", metadata[SiloDevices.DevicesKey]);
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata[SiloDevices.CoresKey]);
        Assert.True(SiloDevices.AdvertisesGpu(metadata));
    }

    [Fact]
    public void Cpu_devices_advertise_no_gpu_and_say_why()
    {
        var devices = SiloDevices.Resolve("cpu", simulatedGpus: 0);
        Assert.False(devices.HasGpu);
        Assert.Equal("cpu", devices.Describe());
        Assert.False(SiloDevices.AdvertisesGpu(devices.ToMetadata().ToImmutableDictionary()));
        Assert.False(string.IsNullOrEmpty(devices.CpuReason));
    }

    [Fact]
    public void The_cuda_probe_agrees_with_the_driver_library_being_present()
    {
        var devices = CudaProbe.FindDevices(out var reason);
        var driver = System.Runtime.InteropServices.NativeLibrary.TryLoad("libcuda.so.1", out var handle);
        if (driver)
        {
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
        }
        if (!driver)
        {
            Assert.Empty(devices);
            Assert.Contains("libcuda", reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(devices.Count > 0 || reason.Length > 0);
        }
    }

    [Fact]
    public void A_cuda_device_that_is_not_there_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SiloDevices.Resolve("cuda:0,63", simulatedGpus: 0));
        Assert.Contains("cuda:", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SiloDevices.Resolve("cuda:x", simulatedGpus: 0));
    }

    [Fact]
    public void Metadata_without_gpu_count_advertises_none()
    {
        Assert.False(SiloDevices.AdvertisesGpu(ImmutableDictionary<string, string>.Empty));
        Assert.False(SiloDevices.AdvertisesGpu(ImmutableDictionary<string, string>.Empty.Add(SiloDevices.GpuCountKey, "0")));
    }
}
