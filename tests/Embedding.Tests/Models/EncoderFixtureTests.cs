using ClipGeometry.Embedding.Images;
using ClipGeometry.Embedding.Models;
using ClipGeometry.Embedding.Tokenization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ClipGeometry.Embedding.Tests.Models;

public class EncoderFixtureTests(ITestOutputHelper output)
{
    private static readonly EncoderOptions Cpu = new() { Provider = ExecutionProviderPreference.Cpu, BatchSize = 2 };

    public static TheoryData<string> Layouts => new() { "combined", "separate" };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TextEmbeddingsMatchPyTorch(string layout)
    {
        using var encoder = new TextEncoder(ModelDir(layout), Cpu);
        Assert.Equal(layout == "combined" ? ModelLayout.Combined : ModelLayout.Separate, encoder.Layout);
        Assert.Equal("CPU", encoder.ExecutionProvider);
        float[] embeddings = encoder.Encode(TinyClipFixture.Captions());
        AssertCosines(embeddings, TinyClipFixture.Reference("ref_text_embeds.npy").Data, encoder.Dimension, 0.9999, $"text/{layout}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TextEmbeddingsWithOpenAiVocabularyMatchPyTorch(string layout)
    {
        using var encoder = new TextEncoder(ModelDir(layout), Cpu, ClipTokenizer.FromOpenAiMerges(TinyClipFixture.OpenAiVocabulary));
        float[] embeddings = encoder.Encode(TinyClipFixture.Captions());
        AssertCosines(embeddings, TinyClipFixture.Reference("ref_text_embeds.npy").Data, encoder.Dimension, 0.9999, $"text-openai/{layout}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ImageEmbeddingsOfReferenceTensorsMatchPyTorch(string layout)
    {
        using var encoder = new ImageEncoder(ModelDir(layout), Cpu);
        Assert.Equal(48, encoder.Dimension);
        var pixels = TinyClipFixture.Reference("ref_pixel_values.npy");
        float[] input = pixels.Data.Select(v => (float)v).ToArray();
        float[] embeddings = encoder.Encode(input, pixels.Shape[0]);
        AssertCosines(embeddings, TinyClipFixture.Reference("ref_image_embeds.npy").Data, 48, 0.9999, $"image-tensors/{layout}");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ImageEmbeddingsOfImageFilesMatchPyTorch(string layout)
    {
        // Decoded as PIL decodes (libjpeg-turbo), preprocessed exactly as torchvision: only ONNX Runtime's float
        // arithmetic differs from PyTorch's.
        var decoder = new ImageDecoder();
        using var encoder = new ImageEncoder(ModelDir(layout), Cpu);
        var loaded = TinyClipFixture.ImagePaths().Select(decoder.Load).ToList();
        try
        {
            Assert.All(loaded, l => Assert.True(l.Succeeded, l.Error?.ToString()));
            float[] embeddings = encoder.Encode(loaded.Select(l => l.Image).ToList());
            AssertCosines(embeddings, TinyClipFixture.Reference("ref_image_embeds.npy").Data, 48, 0.9999999, $"image-files/{layout}");
        }
        finally
        {
            loaded.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public void BatchSizeDoesNotChangeResults()
    {
        var pixels = TinyClipFixture.Reference("ref_pixel_values.npy");
        float[] input = pixels.Data.Select(v => (float)v).ToArray();
        using var one = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu with { BatchSize = 1 });
        using var many = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu with { BatchSize = 3 });
        float[] a = one.Encode(input, 3), b = many.Encode(input, 3);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 4);
        }
    }

    [Fact]
    public void SingleFileIsAccepted()
    {
        using var encoder = new ImageEncoder(Path.Combine(TinyClipFixture.SeparateDirectory, "vision_model.onnx"), Cpu);
        Assert.Equal(ModelLayout.Separate, encoder.Layout);
        using var text = new TextEncoder(Path.Combine(TinyClipFixture.Directory, "model.onnx"), Cpu);
        Assert.Equal(ModelLayout.Combined, text.Layout);
    }

    [Fact]
    public void ResNet18IsEmbeddedAndImagesOnly()
    {
        using var encoder = new ImageEncoder("resnet18", Cpu);
        Assert.Equal(ModelLayout.ResNet18, encoder.Layout);
        Assert.Equal(512, encoder.Dimension);
        Assert.Equal(1, encoder.BatchSize);
        using var image = Image.Load<Rgb24>(TinyClipFixture.ImagePaths()[0]);
        using var other = Image.Load<Rgb24>(TinyClipFixture.ImagePaths()[1]);
        float[] e = encoder.Encode([image, other, image]);
        double norm = Math.Sqrt(e.Take(512).Sum(v => (double)v * v));
        Assert.Equal(1.0, norm, 4);
        Assert.Equal(e.AsSpan(0, 512).ToArray(), e.AsSpan(1024, 512).ToArray());
        Assert.NotEqual(e.AsSpan(0, 512).ToArray(), e.AsSpan(512, 512).ToArray());
        var error = Assert.Throws<NotSupportedException>(() => new TextEncoder("resnet18", Cpu));
        Assert.Contains("CLIP model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLayoutListsTensorsAndAcceptedLayouts()
    {
        string dir = Directory.CreateTempSubdirectory("clipgeo-layout").FullName;
        try
        {
            File.Copy(Path.Combine(ModelFiles.ResNet18Directory, "ResNetPreprocess.onnx"), Path.Combine(dir, "model.onnx"));
            var e = Assert.Throws<InvalidDataException>(() => new ImageEncoder(dir, Cpu));
            Assert.Contains("OriginalInput", e.Message, StringComparison.Ordinal);
            Assert.Contains("accepted layouts", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MissingOrEmptyModelDirectoryIsAClearError()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => new ImageEncoder("/nonexistent/model-dir", Cpu));
        Assert.Contains("/nonexistent/model-dir", missing.Message, StringComparison.Ordinal);
        string dir = Directory.CreateTempSubdirectory("clipgeo-empty").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "weights.onnx"), "x");
            var empty = Assert.Throws<FileNotFoundException>(() => new ImageEncoder(dir, Cpu));
            Assert.Contains("weights.onnx", empty.Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "model.onnx"), "not a model");
            var bad = Assert.Throws<InvalidDataException>(() => new ImageEncoder(dir, Cpu));
            Assert.Contains("model.onnx", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CudaOutcomeIsPerEncoderAndTheSameWhateverRanBefore()
    {
        // Required CUDA either runs or fails naming CUDA; whichever it is, every auto encoder after it (two here,
        // and ResNet-18 with its second session) gets the same provider, and each reports exactly one notice when it
        // falls back: no encoder inherits another's failure.
        bool cudaWorks;
        try
        {
            using var cuda = new ImageEncoder(TinyClipFixture.SeparateDirectory, new EncoderOptions { Provider = ExecutionProviderPreference.Cuda });
            Assert.Equal("CUDA", cuda.ExecutionProvider);
            cudaWorks = true;
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("CUDA execution provider", e.Message, StringComparison.Ordinal);
            cudaWorks = false;
        }

        output.WriteLine($"CUDA usable: {cudaWorks}");
        foreach (string model in new[] { TinyClipFixture.SeparateDirectory, TinyClipFixture.SeparateDirectory, "resnet18" })
        {
            var notices = new List<string>();
            using var encoder = new ImageEncoder(model, new EncoderOptions { Notice = notices.Add });
            Assert.Equal(cudaWorks ? "CUDA" : "CPU", encoder.ExecutionProvider);
            Assert.Equal(cudaWorks ? 0 : 1, notices.Count);
            Assert.All(notices, n => Assert.DoesNotContain("\n", n, StringComparison.Ordinal));
            Assert.All(notices, n => Assert.Contains("running on the CPU", n, StringComparison.Ordinal));
            Assert.Equal("fp32", encoder.Precision);
        }

        // Required CUDA after the fallbacks: the same outcome as before them.
        bool again;
        try
        {
            using var cuda = new ImageEncoder(TinyClipFixture.SeparateDirectory, new EncoderOptions { Provider = ExecutionProviderPreference.Cuda });
            again = true;
        }
        catch (InvalidOperationException)
        {
            again = false;
        }

        Assert.Equal(cudaWorks, again);
    }

    [Fact]
    public void CpuDeviceNeverTriesCudaNorNotifies()
    {
        var notices = new List<string>();
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu with { Notice = notices.Add });
        using var text = new TextEncoder(TinyClipFixture.SeparateDirectory, Cpu with { Notice = notices.Add });
        Assert.Equal("CPU", encoder.ExecutionProvider);
        Assert.Equal("fp32", encoder.Precision);
        Assert.Empty(notices);
    }

    [Fact]
    public void CudaProviderRunsWithoutTf32UnlessAllowed()
    {
        var strict = OnnxSessions.CudaProviderOptions(new EncoderOptions { DeviceId = 1 });
        Assert.Equal("0", strict["use_tf32"]);
        Assert.Equal("1", strict["device_id"]);
        Assert.Equal("1", OnnxSessions.CudaProviderOptions(new EncoderOptions { AllowTf32 = true })["use_tf32"]);
        Assert.Equal("fp32", new EncoderOptions().PrecisionOn("CUDA"));
        Assert.Equal("tf32", new EncoderOptions { AllowTf32 = true }.PrecisionOn("CUDA"));
        Assert.Equal("fp32", new EncoderOptions { AllowTf32 = true }.PrecisionOn("CPU"));

        // Where the CUDA provider library loads, ONNX Runtime reads the keys back as given (they are what the session
        // is opened with). Without CUDA's libraries ONNX Runtime cannot even hold CUDA options: only the above is checked.
        Microsoft.ML.OnnxRuntime.OrtCUDAProviderOptions options;
        try
        {
            options = OnnxSessions.CreateCudaProviderOptions(new EncoderOptions { DeviceId = 1 });
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e) when (e.Message.Contains("Failed to load library", StringComparison.Ordinal))
        {
            output.WriteLine("no CUDA provider library here: " + e.Message);
            return;
        }

        using (options)
        {
            string applied = options.GetOptions();
            output.WriteLine(applied);
            Assert.Contains("use_tf32=0", applied, StringComparison.Ordinal);
            Assert.Contains("device_id=1", applied, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextEncoder(TinyClipFixture.SeparateDirectory, Cpu with { DeviceId = -1 }));
        using var encoder = new ImageEncoder(TinyClipFixture.SeparateDirectory, Cpu);
        Assert.Throws<ArgumentException>(() => encoder.Encode(new float[10].AsMemory(), new float[48].AsMemory()));
    }

    private static string ModelDir(string layout) => layout == "combined" ? TinyClipFixture.Directory : TinyClipFixture.SeparateDirectory;

    private void AssertCosines(float[] actual, double[] reference, int dimension, double limit, string what)
    {
        Assert.Equal(reference.Length, actual.Length);
        for (int row = 0; row < reference.Length / dimension; row++)
        {
            double dot = 0, na = 0, nb = 0;
            for (int k = 0; k < dimension; k++)
            {
                double a = actual[(row * dimension) + k], b = reference[(row * dimension) + k];
                dot += a * b;
                na += a * a;
                nb += b * b;
            }

            double cosine = dot / Math.Sqrt(na * nb);
            output.WriteLine($"{what} row {row}: cosine {cosine:F7}, |e| = {Math.Sqrt(na):F6}");
            Assert.True(cosine >= limit, $"{what} row {row}: cosine {cosine} < {limit}.");
            Assert.Equal(1.0, Math.Sqrt(na), 4);
        }
    }
}
