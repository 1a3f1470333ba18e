namespace ClipGeometry.Grains.Placement;

/// <summary>One GPU a silo can run embedding workers on.</summary>
/// <param name="Index">The CUDA device ordinal (the <c>N</c> of <c>cuda:N</c>).</param>
/// <param name="Name">The device name reported by the driver, or <c>simulated</c> for a test GPU.</param>
/// <param name="MemoryBytes">Total device memory in bytes (0 when unknown).</param>
/// <param name="Simulated">True when a test switch made a CPU silo advertise this GPU.</param>
public sealed record GpuDevice(int Index, string Name, long MemoryBytes, bool Simulated);
