using System.CommandLine;
using System.Globalization;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Client.Cli;

/// <summary>The options shared by the model commands (tokenize, preprocess, embed): their definitions and checks.</summary>
internal static class ModelCommandOptions
{
    public static Option<string> Model(string description) => new("--model")
    {
        Description = description,
        Required = true,
        HelpName = "DIR",
    };

    public static Option<double> Sigma() => new("--sigma")
    {
        Description = "Gaussian blur σ in pixels of the original image, applied before preprocessing (0: none).",
        DefaultValueFactory = _ => 0.0,
        HelpName = "S",
    };

    public static Option<string> Out(string description) => new("--out")
    {
        Description = description,
        Required = true,
        HelpName = "F.npy",
    };

    public static Option<int> Batch() => new("--batch")
    {
        Description = "Items per ONNX Runtime call (default 32).",
        DefaultValueFactory = _ => 32,
        HelpName = "B",
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "Where the model runs: auto (CUDA when it loads, else CPU), cuda, or cpu.",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|cuda|cpu",
    };

    public static Option<bool> Tf32() => new("--tf32")
    {
        Description = "On CUDA, let matrix products use TF32 (faster, about 3 significant digits). Off by default: full fp32, as on the CPU and in PyTorch.",
    };

    /// <summary>The blur of <paramref name="sigma"/>, or null for σ = 0.</summary>
    public static Perturbation? Blur(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma < 0 || sigma > GaussianBlur.MaxSigma)
        {
            throw new UsageException($"--sigma must be a number from 0 to {GaussianBlur.MaxSigma.ToString(CultureInfo.InvariantCulture)}, not {sigma.ToString(CultureInfo.InvariantCulture)}.");
        }

        return sigma == 0 ? null : new GaussianBlur(sigma);
    }

    public static EncoderOptions Encoder(CliContext context, int batch, string device, bool tf32 = false)
    {
        if (batch < 1 || batch > 65536)
        {
            throw new UsageException($"--batch must be from 1 to 65536, not {batch.ToString(CultureInfo.InvariantCulture)}.");
        }

        var provider = device.ToLowerInvariant() switch
        {
            "auto" => ExecutionProviderPreference.Auto,
            "cuda" or "gpu" => ExecutionProviderPreference.Cuda,
            "cpu" => ExecutionProviderPreference.Cpu,
            _ => throw new UsageException($"--device must be auto, cuda or cpu, not '{device}'."),
        };
        return new EncoderOptions { BatchSize = batch, Provider = provider, AllowTf32 = tf32, Notice = context.Error.WriteLine };
    }

    /// <summary>
    /// Checks that <c>--out</c> <paramref name="path"/> and its index file can be written and are none of
    /// <paramref name="inputs"/>; returns the full path.
    /// </summary>
    public static string OutputPath(string path, IReadOnlyCollection<string> inputs)
    {
        string full = OutputTarget.File("--out", path, inputs);
        OutputTarget.File("--out", IndexPath(full), inputs);
        return full;
    }

    /// <summary>The index file written beside <paramref name="npyPath"/>: <c>F.index.csv</c>.</summary>
    public static string IndexPath(string npyPath) => Path.ChangeExtension(npyPath, ".index.csv");

    /// <summary>Writes <c>row,argument,path</c>: which input each written row comes from.</summary>
    public static void WriteIndex(string npyPath, IReadOnlyList<string> inputs, IReadOnlyList<bool> succeeded)
    {
        using var writer = new StreamWriter(IndexPath(npyPath));
        writer.WriteLine("row,argument,path");
        int row = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (succeeded[i])
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row++},{i},{Csv(inputs[i])}"));
            }
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
