using System.Diagnostics;
using System.Text;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// A <c>clipgeo-silo</c> process (the build copied beside the tests), its output kept for assertions; also runs the
/// <c>clipgeo</c> client the same way (<see cref="StartClient"/>), for tests that kill a client.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int SiloPort { get; private init; }

    public int GatewayPort { get; private init; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public static SiloProcess Start(IEnumerable<string> args, int siloPort = 0, int gatewayPort = 0)
        => Start("clipgeo-silo.dll", args, siloPort, gatewayPort);

    /// <summary>A <c>clipgeo</c> client command (e.g. <c>sweep --clustering redis …</c>) as a process of its own.</summary>
    public static SiloProcess StartClient(IEnumerable<string> args) => Start("clipgeo.dll", args, 0, 0);

    private static SiloProcess Start(string program, IEnumerable<string> args, int siloPort, int gatewayPort)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("clipgeo-silo did not start");
        return new SiloProcess(process) { SiloPort = siloPort, GatewayPort = gatewayPort };
    }

    /// <summary>A silo of a Redis cluster on free loopback ports with fast membership and CPU devices.</summary>
    public static SiloProcess StartOnRedis(RedisServer redis, string clusterId, params string[] extra)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        string[] args =
        [
            "--clustering", "redis", "--redis", redis.Endpoint, "--cluster-id", clusterId,
            "--silo-port", Invariant(siloPort), "--gateway-port", Invariant(gatewayPort),
            "--fast-membership", "--devices", "cpu", .. extra,
        ];
        return Start(args, siloPort, gatewayPort);
    }

    public static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
