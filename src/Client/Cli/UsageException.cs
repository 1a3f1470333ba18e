namespace ClipGeometry.Client.Cli;

/// <summary>A command line that cannot be carried out as written: a bad option value or combination. Exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with one clear sentence naming the option at fault.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
