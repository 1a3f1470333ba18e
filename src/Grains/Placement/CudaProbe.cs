using System.Runtime.InteropServices;
using System.Text;

namespace ClipGeometry.Grains.Placement;

/// <summary>
/// Finds the CUDA devices of this machine through the driver API (<c>libcuda</c>): <c>cuInit</c>,
/// <c>cuDeviceGetCount</c>, <c>cuDeviceGetName</c>, <c>cuDeviceTotalMem_v2</c>. A machine without the driver
/// or without a device yields no GPUs and the reason, never an exception.
/// </summary>
public static class CudaProbe
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuInit(uint flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceGetCount(out int count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceGet(out int device, int ordinal);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceGetName(byte[] name, int length, int device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CuDeviceTotalMem(out nuint bytes, int device);

    private static readonly string[] LibraryNames = OperatingSystem.IsWindows()
        ? ["nvcuda.dll"]
        : ["libcuda.so.1", "libcuda.so"];

    /// <summary>Probes the CUDA driver.</summary>
    /// <param name="reason">Why no GPU was found (empty when some were).</param>
    /// <returns>The devices found, in ordinal order; empty without CUDA.</returns>
    public static IReadOnlyList<GpuDevice> FindDevices(out string reason)
    {
        var handle = IntPtr.Zero;
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                break;
            }
        }
        if (handle == IntPtr.Zero)
        {
            reason = "the CUDA driver library (libcuda) is not installed";
            return [];
        }
        try
        {
            var init = Function<CuInit>(handle, "cuInit");
            var count = Function<CuDeviceGetCount>(handle, "cuDeviceGetCount");
            var get = Function<CuDeviceGet>(handle, "cuDeviceGet");
            var getName = Function<CuDeviceGetName>(handle, "cuDeviceGetName");
            var totalMem = Function<CuDeviceTotalMem>(handle, "cuDeviceTotalMem_v2");
            if (init is null || count is null || get is null || getName is null)
            {
                reason = "the CUDA driver library lacks the device query functions";
                return [];
            }
            var status = init(0);
            if (status != 0)
            {
                reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"cuInit failed with CUDA error {status} (no usable device or driver)");
                return [];
            }
            if (count(out var devices) != 0 || devices <= 0)
            {
                reason = "the CUDA driver reports no device";
                return [];
            }
            var found = new List<GpuDevice>(devices);
            var buffer = new byte[256];
            for (var ordinal = 0; ordinal < devices; ordinal++)
            {
                if (get(out var device, ordinal) != 0)
                {
                    continue;
                }
                Array.Clear(buffer);
                var deviceName = getName(buffer, buffer.Length, device) == 0
                    ? Encoding.UTF8.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)))
                    : "CUDA device";
                long memory = 0;
                if (totalMem is not null && totalMem(out var bytes, device) == 0)
                {
                    memory = (long)bytes;
                }
                found.Add(new GpuDevice(ordinal, deviceName, memory, Simulated: false));
            }
            reason = found.Count == 0 ? "the CUDA driver could not open any device" : string.Empty;
            return found;
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    private static T? Function<T>(IntPtr library, string name) where T : Delegate
        => NativeLibrary.TryGetExport(library, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : null;
}
