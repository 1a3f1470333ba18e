namespace ClipGeometry.Embedding.Models;

/// <summary>How an <see cref="ImageEncoder"/> or <see cref="TextEncoder"/> runs.</summary>
public sealed record EncoderOptions
{
    /// <summary>Images or texts per ONNX call (default 32). Models with a fixed batch extent use theirs.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>CUDA, CPU, or CUDA with a fallback to the CPU (default).</summary>
    public ExecutionProviderPreference Provider { get; init; } = ExecutionProviderPreference.Auto;

    /// <summary>The CUDA device (default 0).</summary>
    public int DeviceId { get; init; }

    /// <summary>Threads ONNX Runtime uses inside one operator on the CPU; 0 lets it choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Receives one-line notices (the CPU fallback, say); standard error when null.</summary>
    public Action<string>? Notice { get; init; }

    internal void Validate()
    {
        if (BatchSize < 1 || BatchSize > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be 1…65536.");
        }

        if (DeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceId), DeviceId, "The CUDA device id must be 0 or more.");
        }

        if (IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "The thread count must be 0 (automatic) or more.");
        }
    }
}
