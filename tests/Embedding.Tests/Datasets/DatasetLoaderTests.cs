using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Tests.Datasets;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TestPaths.TempDirectory _temp = TestPaths.Temp();

    public void Dispose() => _temp.Dispose();

    private string Write(string relative, string content)
    {
        string path = _temp.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private void Images(string folder, params string[] names)
    {
        foreach (string name in names)
        {
            Write(Path.Combine(folder, name), "not decoded here");
        }
    }

    [Fact]
    public void Flickr_kaggle_layout_parses_quoted_captions_and_reports_bad_rows()
    {
        Images("Images", "a.jpg", "b.jpg", "c.jpg");
        string captions = Write("captions.txt",
            "image,caption\n" +
            "a.jpg,A dog runs .\n" +
            "a.jpg,\"A dog, brown, runs \"\"fast\"\" .\"\n" +
            "a.jpg,A dog , unquoted , with commas .\r\n" +
            "b.jpg,\"A caption\nover two lines\"\n" +
            "no comma on this line\n" +
            "c.jpg,\n" +
            "missing.jpg,A missing image .\n" +
            "../outside.jpg,Escapes the root .\n" +
            "/etc/passwd,Absolute .\n" +
            "c.jpg,\"bad\"quote\n" +
            "\n" +
            "c.jpg,A cat sits .\n");
        var dataset = DatasetLoader.Load(_temp.Path);

        Assert.Equal(DatasetLayout.FlickrKaggle, dataset.Layout);
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], dataset.Items.Select(i => i.Name));
        Assert.Equal(["A dog runs .", "A dog, brown, runs \"fast\" .", "A dog , unquoted , with commas ."], dataset.Items[0].Captions);
        Assert.Equal(["A caption\nover two lines"], dataset.Items[1].Captions);
        Assert.Equal(["A cat sits ."], dataset.Items[2].Captions);
        Assert.Equal(Path.Combine(_temp.Path, "Images", "a.jpg"), dataset.Items[0].ImagePath);

        var issues = dataset.Issues.Select(i => (i.Line, i.Reason)).ToList();
        Assert.Contains((7, "expected 'image,caption' but found no comma"), issues);
        Assert.Contains((8, "the caption of 'c.jpg' is empty"), issues);
        Assert.Contains(issues, i => i.Line == 10 && i.Reason.Contains("leads outside the dataset root", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 11 && i.Reason.Contains("is absolute", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 12 && i.Reason.Contains("after the closing quote", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 9 && i.Reason.Contains("image 'missing.jpg' not found", StringComparison.Ordinal));
        Assert.All(dataset.Issues, i => Assert.Equal(captions, i.File));
        Assert.Equal(6, dataset.Issues.Count);
    }

    [Fact]
    public void Unclosed_quote_is_reported_and_the_next_lines_still_load()
    {
        Images("Images", "a.jpg", "b.jpg");
        Write("captions.txt", "image,caption\na.jpg,\"never closed\nb.jpg,Fine .\n");
        var dataset = DatasetLoader.Load(_temp.Path);
        Assert.Equal(["b.jpg"], dataset.Items.Select(i => i.Name));
        var issue = Assert.Single(dataset.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Contains("never closed", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Flickr_original_token_layout()
    {
        Images("Flicker8k_Dataset", "1000.jpg", "2000.jpg");
        Write(Path.Combine("Flickr8k_text", "Flickr8k.token.txt"),
            "1000.jpg#0\tA child in pink .\n" +
            "1000.jpg#1\tA girl , climbing .\n" +
            "2000.jpg#0\tA dog .\n" +
            "2258277193_586949ec62.jpg.1#0\tThe known bad entry .\n" +
            "3000.jpg A caption without a tab\n" +
            "3000.jpg#x\tBad index .\n" +
            "2000.jpg#1\t\n");
        var dataset = DatasetLoader.Load(_temp.Path);
        Assert.Equal(DatasetLayout.FlickrToken, dataset.Layout);
        Assert.Equal(["1000.jpg", "2000.jpg"], dataset.Items.Select(i => i.Name));
        Assert.Equal(["A child in pink .", "A girl , climbing ."], dataset.Items[0].Captions);
        Assert.Equal([4, 5, 6, 7], dataset.Issues.Select(i => i.Line).Order());
        Assert.Contains(dataset.Issues, i => i.Line == 5 && i.Reason.Contains("no tab", StringComparison.Ordinal));

        // The token file can also be given directly, with an explicit image folder.
        string other = _temp.File("elsewhere");
        Directory.CreateDirectory(other);
        var direct = DatasetLoader.Load(_temp.File(Path.Combine("Flickr8k_text", "Flickr8k.token.txt")),
            new DatasetLoadOptions { ImagesFolder = other });
        Assert.Empty(direct.Items);
        Assert.Contains(direct.Issues, i => i.Reason.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Coco_captions_layout_maps_ids_to_file_names()
    {
        Images("val2017", "000139.jpg", "000285.jpg");
        Write(Path.Combine("annotations", "captions_val2017.json"), """
            {"info": {}, "images": [{"id": 139, "file_name": "000139.jpg"}, {"id": 285, "file_name": "000285.jpg"},
                                    {"id": 7, "file_name": "/abs.jpg"}, {"id": "x"}],
             "annotations": [{"image_id": 285, "id": 1, "caption": "A bear in the grass."},
                             {"image_id": 139, "id": 2, "caption": "A living room."},
                             {"image_id": 285, "id": 3, "caption": "A brown bear."},
                             {"image_id": 999, "id": 4, "caption": "Unknown image."},
                             {"image_id": 7, "id": 5, "caption": "Absolute."}]}
            """);
        var dataset = DatasetLoader.Load(_temp.Path);
        Assert.Equal(DatasetLayout.CocoCaptions, dataset.Layout);
        Assert.Equal(["val2017/000285.jpg", "val2017/000139.jpg"], dataset.Items.Select(i => i.Name));
        Assert.Equal(["A bear in the grass.", "A brown bear."], dataset.Items[0].Captions);
        Assert.Equal(3, dataset.Issues.Count);
        Assert.Contains(dataset.Issues, i => i.Reason.Contains("images[3]", StringComparison.Ordinal));
        Assert.Contains(dataset.Issues, i => i.Reason.Contains("image_id 999", StringComparison.Ordinal));
        Assert.Contains(dataset.Issues, i => i.Reason.Contains("absolute", StringComparison.Ordinal));
    }

    [Fact]
    public void Coco_file_that_is_not_json_throws_with_file_and_line()
    {
        Directory.CreateDirectory(_temp.File("val2017"));
        Write(Path.Combine("annotations", "captions_val2017.json"), "{\"images\": [\n  oops ]}");
        var e = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(_temp.Path));
        Assert.Contains("captions_val2017.json, line 2: not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_manifest_with_categories_and_subfolders()
    {
        Images("pics", "x.png", "y.png");
        Write("manifest.csv",
            "path,caption,category\n" +
            "pics/x.png,\"A red car, parked\",vehicle\n" +
            "pics/x.png,A car .,vehicle\n" +
            "pics\\y.png,A tree .,nature\n" +
            "pics/y.png,Too,many,fields\n" +
            "pics/../../z.png,Escape,nature\n" +
            "pics/x.png,Conflict,animal\n");
        var dataset = DatasetLoader.Load(_temp.Path);
        Assert.Equal(DatasetLayout.CsvManifest, dataset.Layout);
        Assert.Equal(["pics/x.png", "pics/y.png"], dataset.Items.Select(i => i.Name));
        Assert.Equal("vehicle", dataset.Items[0].Category);
        Assert.Equal(["A red car, parked", "A car .", "Conflict"], dataset.Items[0].Captions);
        Assert.Equal("nature", dataset.Items[1].Category);
        Assert.Equal([5, 6, 7], dataset.Issues.Select(i => i.Line));
        Assert.Contains("expected 3 fields", dataset.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_manifest_without_required_columns_throws()
    {
        string file = Write("list.csv", "file,label\na.png,x\n");
        var e = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(file));
        Assert.Contains("list.csv, line 1: the header must name a 'path' and a 'caption' column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_manifest_with_caption_arrays_and_bad_lines()
    {
        Images(".", "a.jpg", "b.jpg");
        Write("manifest.jsonl",
            "{\"path\": \"a.jpg\", \"captions\": [\"one\", \"two\"], \"category\": \"sport\"}\n" +
            "{\"path\": \"b.jpg\", \"caption\": \"three\"}\n" +
            "{not json}\n" +
            "[1, 2]\n" +
            "{\"caption\": \"no path\"}\n" +
            "{\"path\": \"/abs/a.jpg\", \"caption\": \"x\"}\n");
        var dataset = DatasetLoader.Load(_temp.Path);
        Assert.Equal(DatasetLayout.JsonlManifest, dataset.Layout);
        Assert.Equal(["a.jpg", "b.jpg"], dataset.Items.Select(i => i.Name));
        Assert.Equal(["one", "two"], dataset.Items[0].Captions);
        Assert.Equal("sport", dataset.Items[0].Category);
        Assert.Equal([3, 4, 5, 6], dataset.Issues.Select(i => i.Line));
    }

    [Fact]
    public void Unrecognised_folder_lists_the_layouts()
    {
        Write("readme.md", "nothing");
        var e = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(_temp.Path));
        Assert.Contains("no dataset layout recognised", e.Message, StringComparison.Ordinal);
        Assert.Contains("captions.txt + Images/", e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => DatasetLoader.Load(_temp.File("nowhere")));
    }

    [Theory]
    [InlineData("a.jpg", true, "a.jpg")]
    [InlineData("./sub//a.jpg", true, "sub/a.jpg")]
    [InlineData("sub/../a.jpg", true, "a.jpg")]
    [InlineData("sub\\a.jpg", true, "sub/a.jpg")]
    [InlineData("../a.jpg", false, "")]
    [InlineData("sub/../../a.jpg", false, "")]
    [InlineData("/etc/passwd", false, "")]
    [InlineData("\\\\server\\share\\a.jpg", false, "")]
    [InlineData("C:\\a.jpg", false, "")]
    [InlineData("", false, "")]
    [InlineData("..", false, "")]
    [InlineData(".", false, "")]
    public void Paths_are_resolved_inside_the_root(string relative, bool ok, string name)
    {
        bool result = DatasetPaths.TryResolve(_temp.Path, relative, out string full, out string resolvedName, out string reason);
        Assert.Equal(ok, result);
        if (ok)
        {
            Assert.Equal(name, resolvedName);
            Assert.StartsWith(_temp.Path + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEmpty(reason);
        }
    }
}
