using System.Net;

namespace ClipGeometry.Silo.Tests;

public sealed class SiloOptionsReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clipgeo-silo-options").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SiloOptions Read(params string[] args)
        => SiloOptionsReader.Read(SiloOptionsReader.BuildConfiguration(args, _directory));

    [Fact]
    public void Defaults_are_localhost_on_loopback()
    {
        var options = Read();
        Assert.Equal(ClusteringKind.Localhost, options.Clustering);
        Assert.Equal(IPAddress.Loopback, options.Advertise);
        Assert.False(options.ListensBeyondLoopback);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30000, options.GatewayPort);
        Assert.Equal("auto", options.Devices);
    }

    [Fact]
    public void Command_line_options_are_read_in_both_spellings()
    {
        var options = Read("--clustering", "redis", "--redis=127.0.0.1:6380", "--cluster-id", "lab", "--silo-port", "12000",
            "--gateway-port", "12001", "--advertise", "10.0.0.5", "--devices", "cpu", "--prometheus-port", "9464",
            "--otlp-endpoint", "http://localhost:4317", "--fast-membership", "--advertise-gpus", "2");
        Assert.Equal(ClusteringKind.Redis, options.Clustering);
        Assert.Equal("127.0.0.1:6380", options.Redis);
        Assert.Equal("lab", options.ClusterId);
        Assert.Equal(12000, options.SiloPort);
        Assert.Equal(12001, options.GatewayPort);
        Assert.True(options.ListensBeyondLoopback);
        Assert.Equal(9464, options.PrometheusPort);
        Assert.Equal(new Uri("http://localhost:4317"), options.OtlpEndpoint);
        Assert.True(options.FastMembership);
        Assert.Equal(2, options.AdvertiseGpus);
    }

    [Fact]
    public void Appsettings_then_environment_then_command_line_each_override()
    {
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"),
            """{ "ClusterId": "from-file", "SiloPort": 13000, "GatewayPort": 13001 }""");
        Environment.SetEnvironmentVariable("CLIPGEO_SILOPORT", "14000");
        try
        {
            var options = Read("--gateway-port", "15001");
            Assert.Equal("from-file", options.ClusterId);
            Assert.Equal(14000, options.SiloPort);
            Assert.Equal(15001, options.GatewayPort);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLIPGEO_SILOPORT", null);
        }
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "--redis" }, "Option --redis needs a value")]
    [InlineData(new[] { "--clustering", "zookeeper" }, "--clustering must be localhost or redis")]
    [InlineData(new[] { "--clustering", "redis" }, "--clustering redis needs --redis HOST:PORT")]
    [InlineData(new[] { "--clustering", "redis", "--redis", "localhost" }, "--redis must be HOST:PORT")]
    [InlineData(new[] { "--silo-port", "70000" }, "--silo-port must be a port from 1 to 65535")]
    [InlineData(new[] { "--silo-port", "12000", "--gateway-port", "12000" }, "must differ")]
    [InlineData(new[] { "--advertise", "my-host" }, "--advertise must be an IP address")]
    [InlineData(new[] { "--devices", "gpu" }, "--devices must be auto, cpu or cuda:N")]
    [InlineData(new[] { "--otlp-endpoint", "localhost:4317" }, "--otlp-endpoint must be an http(s) URL")]
    [InlineData(new[] { "stray" }, "Unexpected argument 'stray'")]
    public void Bad_options_are_refused_in_one_sentence_naming_them(string[] args, string expected)
    {
        var error = Assert.Throws<SiloUsageException>(() => Read(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
    }
}
