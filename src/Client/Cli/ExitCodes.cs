namespace ClipGeometry.Client.Cli;

/// <summary>The process exit codes of every clipgeo command.</summary>
public static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Success = 0;

    /// <summary>The work failed: a bad input file, a computation that could not finish, cancellation.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown option, bad value, missing argument.</summary>
    public const int Usage = 2;
}
