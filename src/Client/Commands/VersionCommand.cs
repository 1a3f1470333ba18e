using System.CommandLine;
using System.Reflection;
using ClipGeometry.Client.Cli;

namespace ClipGeometry.Client.Commands;

/// <summary><c>clipgeo info</c>: versions of clipgeo, the runtime and the libraries that results depend on.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("info", "Print the versions of clipgeo, .NET and the numerical libraries, for the record.");
        command.SetAction((_, _) => CommandRunner.Run(context, () =>
        {
            context.Out.WriteLine($"clipgeo {Version(typeof(VersionCommand).Assembly)}");
            context.Out.WriteLine($".NET {Environment.Version} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription} ({Environment.ProcessorCount} cores)");
            context.Out.WriteLine($"MathNet.Numerics {Version(typeof(MathNet.Numerics.Control).Assembly)}");
            context.Out.WriteLine($"SixLabors.ImageSharp {Version(typeof(SixLabors.ImageSharp.Image).Assembly)}");
            context.Out.WriteLine($"Microsoft.ML.OnnxRuntime {Version(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
