namespace ClipGeometry.Silo;

/// <summary>A bad option or setting: the message is one sentence naming it (exit code 2).</summary>
public sealed class SiloUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUsageException()
    {
    }

    /// <summary>Creates the exception with its sentence.</summary>
    public SiloUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its sentence and cause.</summary>
    public SiloUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
