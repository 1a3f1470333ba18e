using ClipGeometry.Embedding.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Client.Tests.Cli;

/// <summary>
/// What a new user hit: outputs that overwrite inputs, unknown options taken as files, .NET names and raw exception
/// text in messages, folders given where files are expected. Each refusal is one sentence naming the file or option.
/// </summary>
public sealed class CommandLineHardeningTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("clipgeo-hard").FullName;

    private static string TinyClip => Path.Combine(RepositoryPaths.Fixtures(), "tiny-clip");

    private static string Image0 => Path.Combine(TinyClip, "images", "pub_china.jpg");

    public void Dispose() => Directory.Delete(_temp, true);

    private string Png(string name)
    {
        string path = Path.Combine(_temp, name);
        using var image = new Image<Rgb24>(5, 4, new Rgb24(10, 200, 30));
        image.SaveAsPng(path);
        return path;
    }

    private string Embeddings(string name)
    {
        string path = Path.Combine(_temp, name);
        NpyFile.WriteSingle(path, [1f, 0f, 0.6f, 0.8f, 0f, 1f], 3, 2);
        return path;
    }

    private static void AssertOneSentence(string error, params string[] mentions)
    {
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 1, "no message");
        Assert.StartsWith("clipgeo: ", lines[0], StringComparison.Ordinal);
        foreach (string mention in mentions)
        {
            Assert.Contains(mention, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Access to the path", error, StringComparison.Ordinal);
    }

    // Item: blur --out X X overwrote its input.
    [Fact]
    public void Blur_refuses_to_write_over_its_input_even_through_a_link()
    {
        string input = Png("in.png");
        byte[] before = File.ReadAllBytes(input);
        var same = CliRun.Invoke("blur", "--sigma", "2", "--out", input, input);
        Assert.Equal(2, same.Exit);
        AssertOneSentence(same.Error, "--out", "is also an input");

        string link = Path.Combine(_temp, "link.png");
        File.CreateSymbolicLink(link, input);
        var linked = CliRun.Invoke("blur", "--sigma", "2", "--out", link, input);
        Assert.Equal(2, linked.Exit);

        string folderLink = Path.Combine(_temp, "again");
        Directory.CreateSymbolicLink(folderLink, _temp);
        var throughFolder = CliRun.Invoke("blur", "--sigma", "2", "--out", Path.Combine(folderLink, "in.png"), input);
        Assert.Equal(2, throughFolder.Exit);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Every_writing_command_refuses_an_output_that_is_an_input()
    {
        string a = Embeddings("a.npy");
        string img = Png("img.png");
        var embed = CliRun.Invoke("embed", "images", "--model", TinyClip, "--device", "cpu", "--out", img, img);
        Assert.Equal(2, embed.Exit);
        AssertOneSentence(embed.Error, "--out", "is also an input");
        var pre = CliRun.Invoke("preprocess", "--model", TinyClip, "--out", img, img);
        Assert.Equal(2, pre.Exit);
        string captions = Path.Combine(_temp, "captions.txt");
        File.WriteAllText(captions, "a dog\n");
        var texts = CliRun.Invoke("embed", "texts", "--model", TinyClip, "--device", "cpu", "--out", captions, "--file", captions);
        Assert.Equal(2, texts.Exit);
        Assert.Equal("a dog\n", File.ReadAllText(captions));

        // similarity --out DIR writes image_image.npy there: an input of that name in that folder is refused.
        string inside = Path.Combine(_temp, "image_image.npy");
        File.Copy(a, inside);
        var sim = CliRun.Invoke("similarity", inside, "--bootstrap", "0", "--out", _temp);
        Assert.Equal(2, sim.Exit);
        AssertOneSentence(sim.Error, "--out", "is also an input");
    }

    // Item: unknown options became inputs.
    [Theory]
    [InlineData("similarity", "A", "--bogus")]
    [InlineData("embed", "images", "--model", "TINY", "--device", "cpu", "--out", "OUT", "IMG", "--bogus")]
    [InlineData("tokenize", "--model", "TINY", "--bogus")]
    [InlineData("blur", "--sigma", "1", "--out", "OUT.png", "--bogus", "IMG")]
    [InlineData("ph", "A", "--bogus")]
    [InlineData("distance", "A", "--bogus")]
    [InlineData("angles", "A", "--bogus")]
    [InlineData("preprocess", "--model", "TINY", "--out", "OUT", "-x", "IMG")]
    public void Unknown_options_are_usage_errors_naming_them(params string[] args)
    {
        string bogus = args.Contains("-x") ? "-x" : "--bogus";
        var run = CliRun.Invoke(Substitute(args));
        Assert.Equal(2, run.Exit);
        AssertOneSentence(run.Error, $"unknown option '{bogus}'");
        Assert.False(File.Exists(Path.Combine(_temp, "out.npy")));
    }

    [Fact]
    public void A_file_named_like_an_option_is_reachable_after_double_dash()
    {
        var tokens = CliRun.Invoke("tokenize", "--model", TinyClip, "--", "--bogus");
        Assert.True(tokens.Exit == 0, tokens.Error);
        Assert.Single(tokens.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // A relative name that starts with "--", in the current folder.
        string name = $"--x-{Guid.NewGuid():N}.npy";
        string odd = Path.Combine(Environment.CurrentDirectory, name);
        NpyFile.WriteSingle(odd, [1f, 0f, 0f, 1f], 2, 2);
        try
        {
            var refused = CliRun.Invoke("similarity", "--bootstrap", "0", name);
            Assert.Equal(2, refused.Exit);
            var sim = CliRun.Invoke("similarity", "--bootstrap", "0", "--", name);
            Assert.True(sim.Exit == 0, sim.Error);
            Assert.Contains("images: 2", sim.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(odd);
        }

        // Negative numbers stay option values.
        var blur = CliRun.Invoke("blur", "--sigma", "-1", "--out", Path.Combine(_temp, "o.png"), Png("p.png"));
        Assert.Equal(2, blur.Exit);
        Assert.Contains("--sigma must be", blur.Error, StringComparison.Ordinal);
    }

    // Item: .NET names and raw exception text.
    [Fact]
    public void A_value_of_the_wrong_type_is_named_without_dotnet_types()
    {
        var run = CliRun.Invoke("ph", "--threshold", "inf", Embeddings("a.npy"));
        Assert.Equal(2, run.Exit);
        AssertOneSentence(run.Error, "--threshold 'inf': not a number");
        Assert.DoesNotContain("Nullable", run.Error, StringComparison.Ordinal);
        var seed = CliRun.Invoke("similarity", "--seed", "-3", Embeddings("b.npy"));
        Assert.Equal(2, seed.Exit);
        AssertOneSentence(seed.Error, "--seed '-3'");
    }

    [Fact]
    public void Output_problems_are_one_sentence_naming_the_option_and_path()
    {
        string a = Embeddings("a.npy");
        string img = Png("img.png");
        string missing = Path.Combine(_temp, "no-such-folder", "x.png");
        var noFolder = CliRun.Invoke("blur", "--sigma", "1", "--out", missing, img);
        Assert.Equal(2, noFolder.Exit);
        AssertOneSentence(noFolder.Error, "--out", "does not exist");

        var folder = CliRun.Invoke("blur", "--sigma", "1", "--out", _temp + "/", img);
        Assert.Equal(2, folder.Exit);

        var unwritable = CliRun.Invoke("embed", "images", "--model", TinyClip, "--device", "cpu", "--out", "/sys/clipgeo-test.npy", img);
        Assert.Equal(1, unwritable.Exit);
        AssertOneSentence(unwritable.Error, "--out /sys/clipgeo-test.npy", "cannot write there");

        var unwritableFolder = CliRun.Invoke("similarity", a, "--bootstrap", "0", "--out", "/sys/clipgeo-test");
        Assert.Equal(1, unwritableFolder.Exit);
        AssertOneSentence(unwritableFolder.Error, "--out /sys/clipgeo-test", "cannot write there");

        // An existing file where similarity's output folder should be.
        var fileAsFolder = CliRun.Invoke("similarity", a, "--bootstrap", "0", "--out", img);
        Assert.Equal(2, fileAsFolder.Exit);
        AssertOneSentence(fileAsFolder.Error, "--out", "is a file");

        // An existing output file is replaced, without raw exception text.
        string existing = Path.Combine(_temp, "existing.png");
        File.WriteAllText(existing, "old");
        var replace = CliRun.Invoke("blur", "--sigma", "1", "--out", existing, img);
        Assert.True(replace.Exit == 0, replace.Error);
        Assert.NotEqual("old", File.ReadAllText(existing));
    }

    [Fact]
    public void Malformed_model_json_files_are_one_sentence_naming_the_file()
    {
        string model = Path.Combine(_temp, "model");
        Directory.CreateDirectory(model);
        File.Copy(Path.Combine(TinyClip, "merges.txt"), Path.Combine(model, "merges.txt"));
        File.WriteAllText(Path.Combine(model, "vocab.json"), "{\"a</w>\": 1,\n  \"b\": oops }");
        var tokens = CliRun.Invoke("tokenize", "--model", model, "a dog");
        Assert.Equal(1, tokens.Exit);
        AssertOneSentence(tokens.Error, "vocab.json", "not valid JSON", "line 2");

        File.WriteAllText(Path.Combine(model, "preprocessor_config.json"), "{ \"crop_size\": [1, 2");
        var pre = CliRun.Invoke("preprocess", "--model", model, "--out", Path.Combine(_temp, "p.npy"), Image0);
        Assert.Equal(1, pre.Exit);
        AssertOneSentence(pre.Error, "preprocessor_config.json", "not valid JSON");

        File.WriteAllText(Path.Combine(model, "preprocessor_config.json"), "{ \"rescale_factor\": \"big\" }");
        var kind = CliRun.Invoke("preprocess", "--model", model, "--out", Path.Combine(_temp, "p.npy"), Image0);
        Assert.Equal(1, kind.Exit);
        AssertOneSentence(kind.Error, "preprocessor_config.json", "wrong type");
    }

    [Fact]
    public void A_folder_given_where_a_file_is_expected_says_so()
    {
        foreach (string[] args in new[]
        {
            new[] { "ph", _temp },
            ["similarity", _temp],
            ["distance", _temp, _temp],
            ["angles", _temp, _temp],
            ["embed", "texts", "--model", TinyClip, "--device", "cpu", "--out", Path.Combine(_temp, "t.npy"), "--file", _temp],
        })
        {
            var run = CliRun.Invoke(args);
            Assert.Equal(1, run.Exit);
            AssertOneSentence(run.Error, _temp, "is a folder; a file is expected");
        }

        var image = CliRun.Invoke("blur", "--sigma", "1", "--out", Path.Combine(_temp, "o.png"), _temp);
        Assert.Equal(1, image.Exit);
        AssertOneSentence(image.Error, "is a directory, not an image file");
        var embed = CliRun.Invoke("embed", "images", "--model", TinyClip, "--device", "cpu", "--out", Path.Combine(_temp, "e.npy"), _temp);
        Assert.Equal(1, embed.Exit);
        AssertOneSentence(embed.Error, "is a directory, not an image file");
    }

    // Item: a named model file is used as named.
    [Fact]
    public void A_named_model_file_is_used_as_named_or_refused_with_the_reason()
    {
        string separate = Path.Combine(TinyClip, "separate");
        var images = CliRun.Invoke("embed", "images", "--model", Path.Combine(separate, "text_model.onnx"), "--device", "cpu", "--out", Path.Combine(_temp, "i.npy"), Image0);
        Assert.Equal(1, images.Exit);
        AssertOneSentence(images.Error, "text_model.onnx", "is a text model");
        Assert.False(File.Exists(Path.Combine(_temp, "i.npy")));

        var texts = CliRun.Invoke("embed", "texts", "--model", Path.Combine(separate, "vision_model.onnx"), "--device", "cpu", "--out", Path.Combine(_temp, "t.npy"), "a dog");
        Assert.Equal(1, texts.Exit);
        AssertOneSentence(texts.Error, "vision_model.onnx", "is an image model");

        var named = CliRun.Invoke("embed", "images", "--model", Path.Combine(separate, "vision_model.onnx"), "--device", "cpu", "--out", Path.Combine(_temp, "v.npy"), Image0);
        Assert.True(named.Exit == 0, named.Error);
    }

    [Fact]
    public void Preprocess_needs_only_the_preprocessor_config()
    {
        string model = Path.Combine(_temp, "config-only");
        Directory.CreateDirectory(model);
        File.Copy(Path.Combine(TinyClip, "preprocessor_config.json"), Path.Combine(model, "preprocessor_config.json"));
        string output = Path.Combine(_temp, "p.npy");
        var run = CliRun.Invoke("preprocess", "--model", model, "--out", output, Image0);
        Assert.True(run.Exit == 0, run.Error);
        var reference = NpyFile.Read(Path.Combine(TinyClip, "ref_pixel_values.npy"));
        var written = NpyFile.Read(output);
        Assert.Equal([1, .. reference.Shape[1..]], written.Shape);
    }

    private string[] Substitute(string[] args) => args.Select(a => a switch
    {
        "TINY" => TinyClip,
        "OUT" => Path.Combine(_temp, "out.npy"),
        "OUT.png" => Path.Combine(_temp, "out.png"),
        "IMG" => Image0,
        "A" => Embeddings("a.npy"),
        _ => a,
    }).ToArray();
}
