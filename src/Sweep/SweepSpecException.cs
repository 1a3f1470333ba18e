namespace ClipGeometry.Sweep;

/// <summary>A sweep spec that cannot run: one sentence naming the option (or file) at fault.</summary>
public sealed class SweepSpecException : Exception
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="message">One clear sentence.</param>
    /// <param name="missingFile">True when a named file or folder does not exist (a failure, exit 1), false for a usage error (exit 2).</param>
    public SweepSpecException(string message, bool missingFile = false)
        : base(message)
    {
        MissingFile = missingFile;
    }

    /// <summary>Creates the refusal of a file that exists but cannot be used (<paramref name="unusableFile"/>: a failure, exit 1).</summary>
    public SweepSpecException(string message, bool unusableFile, Exception innerException)
        : base(message, innerException)
    {
        MissingFile = unusableFile;
    }

    /// <summary>Creates the refusal.</summary>
    public SweepSpecException()
    {
    }

    /// <summary>Creates the refusal.</summary>
    public SweepSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when a named file or folder does not exist or cannot be used (a failure, exit 1) rather than a usage error (exit 2).</summary>
    public bool MissingFile { get; }
}
