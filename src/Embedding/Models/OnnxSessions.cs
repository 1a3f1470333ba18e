using Microsoft.ML.OnnxRuntime;

namespace ClipGeometry.Embedding.Models;

/// <summary>Opens ONNX Runtime sessions: CUDA when asked for and loadable, else the CPU with a one-line notice.</summary>
internal static class OnnxSessions
{
    private static readonly Lazy<OrtEnv> Environment = new(CreateEnvironment);
    private static volatile string? s_cudaFailure;

    /// <summary>Opens <paramref name="path"/>; <paramref name="provider"/> is "CUDA" or "CPU".</summary>
    public static InferenceSession Open(string path, EncoderOptions options, out string provider)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: the model file does not exist.", path);
        }

        _ = Environment.Value;

        if (options.Provider != ExecutionProviderPreference.Cpu && s_cudaFailure is null)
        {
            SessionOptions? cuda = null;
            try
            {
                cuda = BaseOptions(options);
                cuda.AppendExecutionProvider_CUDA(options.DeviceId);
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

                s_cudaFailure = reason;
                (options.Notice ?? (m => Console.Error.WriteLine(m)))($"clipgeo: CUDA is not usable ({reason}; ONNX Runtime 1.31 needs CUDA 13 and cuDNN 9); running on the CPU.");
            }
            finally
            {
                cuda?.Dispose();
            }
        }
        else if (options.Provider == ExecutionProviderPreference.Cuda)
        {
            throw new InvalidOperationException($"{path}: the CUDA execution provider cannot be used: {s_cudaFailure}");
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
