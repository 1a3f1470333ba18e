namespace ClipGeometry.Sweep;

/// <summary>One silo as results.json records it.</summary>
/// <param name="Address">Its address.</param>
/// <param name="Devices">Its devices (<c>cpu</c>, <c>cuda:0</c>…).</param>
/// <param name="Cores">Logical cores.</param>
/// <param name="MemoryGiB">Memory available to it.</param>
public sealed record SiloDescription(string Address, IReadOnlyList<string> Devices, int Cores, double MemoryGiB)
{
    /// <summary>This process's machine.</summary>
    public static SiloDescription Local(string address) =>
        new(address, ["cpu"], Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1));
}
