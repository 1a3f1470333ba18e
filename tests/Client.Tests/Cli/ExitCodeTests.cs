namespace ClipGeometry.Client.Tests.Cli;

public sealed class ExitCodeTests
{
    [Fact]
    public void Unknown_command_is_a_usage_error()
    {
        var (exit, _, error) = CliRun.Invoke("no-such-command");
        Assert.Equal(2, exit);
        Assert.Contains("no-such-command", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_succeeds_and_lists_commands()
    {
        var (exit, output, _) = CliRun.Invoke("--help");
        Assert.Equal(0, exit);
        Assert.Contains("info", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_prints_versions()
    {
        var (exit, output, _) = CliRun.Invoke("info");
        Assert.Equal(0, exit);
        Assert.Contains("MathNet.Numerics 5.0.0", output, StringComparison.Ordinal);
    }
}
