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

    /// <summary>
    /// Lets CUDA use TF32 tensor cores for float32 matrix products (faster, about 3 decimal digits; ONNX Runtime's
    /// own default). Off by default, so GPU embeddings agree with CPU and PyTorch fp32 ones.
    /// </summary>
    public bool AllowTf32 { get; init; }

    /// <summary>The arithmetic an encoder on <paramref name="provider"/> uses: <c>fp32</c>, or <c>tf32</c> on CUDA with TF32 allowed.</summary>
    public string PrecisionOn(string provider) => AllowTf32 && string.Equals(provider, "CUDA", StringComparison.OrdinalIgnoreCase) ? "tf32" : "fp32";

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
