using Microsoft.ML.OnnxRuntime;

namespace ClipGeometry.Embedding.Models;

/// <summary>
/// Opens ONNX Runtime sessions: CUDA when asked for and loadable (TF32 off unless <see cref="EncoderOptions.AllowTf32"/>),
/// else the CPU with a one-line notice. Nothing is remembered between calls: each encoder tries CUDA itself, so one
/// encoder's failure never changes another's provider, and the outcome does not depend on what ran before.
/// </summary>
internal static class OnnxSessions
{
    private static readonly Lazy<OrtEnv> Environment = new(CreateEnvironment);
    private static int s_defaultNoticePrinted;

    /// <summary>
    /// The CUDA execution provider's options: the device, and <c>use_tf32</c> = 0 unless TF32 is allowed (ONNX Runtime
    /// enables TF32 by default, which rounds matrix products to a 10-bit mantissa: GPU embeddings then differ from
    /// CPU and PyTorch fp32 ones).
    /// </summary>
    public static Dictionary<string, string> CudaProviderOptions(EncoderOptions options) => new(StringComparer.Ordinal)
    {
        ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["use_tf32"] = options.AllowTf32 ? "1" : "0",
    };

    /// <summary>ONNX Runtime's CUDA provider options holding <see cref="CudaProviderOptions"/> (the caller disposes them).</summary>
    public static OrtCUDAProviderOptions CreateCudaProviderOptions(EncoderOptions options)
    {
        _ = Environment.Value;
        var cudaOptions = new OrtCUDAProviderOptions();
        try
        {
            cudaOptions.UpdateOptions(CudaProviderOptions(options));
            return cudaOptions;
        }
        catch
        {
            cudaOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/>; <paramref name="provider"/> is "CUDA" or "CPU". Under
    /// <see cref="ExecutionProviderPreference.Auto"/> a CUDA failure is reported once to <see cref="EncoderOptions.Notice"/>
    /// (every time it happens: the caller decides how often to show it), or, without one, to standard error once per
    /// process. Under <see cref="ExecutionProviderPreference.Cpu"/> CUDA is not tried and nothing is reported.
    /// </summary>
    public static InferenceSession Open(string path, EncoderOptions options, out string provider)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: the model file does not exist.", path);
        }

        _ = Environment.Value;

        if (options.Provider != ExecutionProviderPreference.Cpu)
        {
            SessionOptions? cuda = null;
            OrtCUDAProviderOptions? cudaOptions = null;
            try
            {
                cuda = BaseOptions(options);
                cudaOptions = CreateCudaProviderOptions(options);
                cuda.AppendExecutionProvider_CUDA(cudaOptions);
                var session = new InferenceSession(path, cuda);
                provider = "CUDA";
                return session;
            }
            catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                string reason = FirstLine(e.Message);
                if (options.Provider == ExecutionProviderPreference.Cuda)
                {
                    throw new InvalidOperationException($"{path}: the CUDA execution provider (device {options.DeviceId}) cannot be used: {reason}", e);
                }

                string notice = $"clipgeo: CUDA is not usable ({reason}; ONNX Runtime 1.31 needs CUDA 13 and cuDNN 9); running on the CPU.";
                if (options.Notice is not null)
                {
                    options.Notice(notice);
                }
                else if (Interlocked.Exchange(ref s_defaultNoticePrinted, 1) == 0)
                {
                    Console.Error.WriteLine(notice);
                }
            }
            finally
            {
                cudaOptions?.Dispose();
                cuda?.Dispose();
            }
        }

        using var cpu = BaseOptions(options);
        try
        {
            var session = new InferenceSession(path, cpu);
            provider = "CPU";
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path}: ONNX Runtime cannot load the model: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>A short description of a session's tensors, for errors.</summary>
    public static string Describe(InferenceSession session)
    {
        static string Tensors(IReadOnlyDictionary<string, NodeMetadata> m) =>
            string.Join(", ", m.Select(kv => $"{kv.Key} [{string.Join(',', kv.Value.Dimensions.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]"));
        return $"inputs {Tensors(session.InputMetadata)}; outputs {Tensors(session.OutputMetadata)}";
    }

    /// <summary>
    /// The process's ONNX Runtime environment, created quiet: a failed CUDA load is reported as one notice, not as
    /// ONNX Runtime's own log lines.
    /// </summary>
    private static OrtEnv CreateEnvironment()
    {
        try
        {
            var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, logId = "clipgeo" };
            return OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (OnnxRuntimeException)
        {
            return OrtEnv.Instance();
        }
    }

    private static SessionOptions BaseOptions(EncoderOptions options)
    {
        var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (options.IntraOpThreads > 0)
        {
            so.IntraOpNumThreads = options.IntraOpThreads;
        }

        return so;
    }

    private static string FirstLine(string message)
    {
        int n = message.IndexOfAny(['\r', '\n']);
        return (n < 0 ? message : message[..n]).Trim();
    }
}
