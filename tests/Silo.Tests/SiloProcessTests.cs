namespace ClipGeometry.Silo.Tests;

/// <summary>
/// Real <c>clipgeo-silo</c> processes on loopback with a real Redis: refusals with their exit codes, and a
/// three-silo cluster that survives kill -9 of a silo and a Redis restart.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloProcessTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_bad_option_exits_2_with_one_sentence_naming_it()
    {
        using var silo = SiloProcess.Start(["--silo-port", "0x10"]);
        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("clipgeo-silo: --silo-port must be a port from 1 to 65535, not '0x10'.", silo.Output.Trim());
    }

    [Fact]
    public async Task An_unreachable_redis_exits_1_naming_redis()
    {
        var nobody = FreePorts.Next();
        using var silo = SiloProcess.Start(["--clustering", "redis", "--redis", $"127.0.0.1:{nobody}",
            "--silo-port", SiloProcess.Invariant(FreePorts.Next()), "--gateway-port", SiloProcess.Invariant(FreePorts.Next())]);
        Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal($"clipgeo-silo: Redis at 127.0.0.1:{nobody} (--redis) is unreachable; start redis-server there or name the right HOST:PORT.",
            silo.Output.Trim());
    }

    [Fact]
    public async Task A_port_in_use_exits_1_naming_the_port()
    {
        var held = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        held.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)held.LocalEndpoint).Port;
            using var silo = SiloProcess.Start(["--silo-port", SiloProcess.Invariant(FreePorts.Next()), "--gateway-port", SiloProcess.Invariant(port)]);
            Assert.Equal(1, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal($"clipgeo-silo: --gateway-port {port} is already in use on 127.0.0.1; stop the process holding it or choose another port.",
                silo.Output.Trim());
        }
        finally
        {
            held.Stop();
        }
    }

    [Fact]
    public async Task Three_silos_on_redis_survive_kill_9_of_one_and_a_redis_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"test-{Guid.NewGuid():N}";
        using var a = SiloProcess.StartOnRedis(redis, clusterId);
        using var b = SiloProcess.StartOnRedis(redis, clusterId);
        using var c = SiloProcess.StartOnRedis(redis, clusterId);
        await using var client = await ClusterClientHost.ConnectAsync(redis, clusterId);
        await client.WaitForActiveSilosAsync([a.SiloPort, b.SiloPort, c.SiloPort], Startup, "three silos joining");
        Assert.Contains("this silo runs CPU embedding workers", a.Output, StringComparison.Ordinal);

        b.Kill();
        await client.WaitForActiveSilosAsync([a.SiloPort, c.SiloPort], TimeSpan.FromSeconds(30), "silo killed with -9 declared dead");

        await redis.RestartAsync();
        using var d = SiloProcess.StartOnRedis(redis, clusterId);
        await client.WaitForActiveSilosAsync([a.SiloPort, c.SiloPort, d.SiloPort], Startup, "a silo joining after Redis restarted");
        Assert.False(a.HasExited, a.Output);
        Assert.False(c.HasExited, c.Output);
    }
}
