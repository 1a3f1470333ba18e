using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Tests.Cli;

/// <summary>Runs clipgeo in-process and captures what it prints.</summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Error) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = ClipGeoCli.Run(args, new CliContext(output, error));
        return (exit, output.ToString(), error.ToString());
    }
}
