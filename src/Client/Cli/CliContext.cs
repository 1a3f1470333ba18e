namespace ClipGeometry.Client.Cli;

/// <summary>Where a command writes: standard output for results, standard error for notices and errors.</summary>
/// <param name="Out">Results (diagrams, distances, tables).</param>
/// <param name="Error">Errors, warnings and one-line notices.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's console streams.</summary>
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error);
}
