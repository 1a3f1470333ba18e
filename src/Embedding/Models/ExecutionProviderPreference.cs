namespace ClipGeometry.Embedding.Models;

/// <summary>Where an encoder runs its ONNX model.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when it loads, else the CPU with a one-line notice.</summary>
    Auto,

    /// <summary>CUDA or fail.</summary>
    Cuda,

    /// <summary>The CPU.</summary>
    Cpu,
}
