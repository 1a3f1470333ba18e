using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Embedding.Images;

namespace ClipGeometry.Embedding.Tests.Datasets;

public sealed class DemoDatasetGeneratorTests
{
    private static readonly DemoDatasetOptions Small = new() { Seed = 5, ImagesPerCategory = 6, Width = 64, Height = 48 };

    [Fact]
    public void Writes_the_flickr_kaggle_layout_that_loads_without_issues_and_decodes()
    {
        using var temp = TestPaths.Temp();
        var generated = DemoDatasetGenerator.Generate(temp.Path, Small);
        Assert.Equal(30, generated.Items.Count);

        var loaded = DatasetLoader.Load(temp.Path);
        Assert.Equal(DatasetLayout.FlickrKaggle, loaded.Layout);
        Assert.Empty(loaded.Issues);
        Assert.Equal(generated.Items.Select(i => i.Name), loaded.Items.Select(i => i.Name));
        Assert.Equal(generated.Items.SelectMany(i => i.Captions), loaded.Items.SelectMany(i => i.Captions));
        Assert.All(loaded.Items, i => Assert.Equal(5, i.Captions.Count));

        var decoder = new ImageDecoder();
        foreach (var item in loaded.Items)
        {
            using var image = decoder.Load(item.ImagePath);
            Assert.True(image.Succeeded, image.Error?.ToString());
            Assert.Equal(64, image.Image.Width);
            Assert.Equal(48, image.Image.Height);
        }
    }

    [Fact]
    public void Captions_categorise_as_intended_caption_by_caption()
    {
        using var temp = TestPaths.Temp();
        var dataset = DemoDatasetGenerator.Generate(temp.Path, Small with { ImagesPerCategory = 30 });
        var categorizer = new CaptionCategorizer(CategoryRules.Default);
        foreach (var item in dataset.Items)
        {
            Assert.Equal(item.Category, categorizer.Categorize(item.Captions));
            foreach (string caption in item.Captions)
            {
                int c = categorizer.CategorizeCaption(caption);
                Assert.True(c >= 0 && CategoryRules.Default.Categories[c].Name == item.Category, $"'{caption}' of {item.Name}");
            }
        }

        var counts = categorizer.Assign(dataset.Items).Counts.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.All(DemoDatasetGenerator.Categories, c => Assert.Equal(30, counts[c]));
        Assert.Equal(0, counts["other"]);
    }

    [Fact]
    public void Same_seed_gives_identical_files_other_seed_other_images()
    {
        using var a = TestPaths.Temp();
        using var b = TestPaths.Temp();
        using var c = TestPaths.Temp();
        DemoDatasetGenerator.Generate(a.Path, Small);
        DemoDatasetGenerator.Generate(b.Path, Small);
        DemoDatasetGenerator.Generate(c.Path, Small with { Seed = 6 });
        Assert.Equal(File.ReadAllBytes(a.File("captions.txt")), File.ReadAllBytes(b.File("captions.txt")));
        int different = 0;
        foreach (string file in Directory.GetFiles(a.File("Images")))
        {
            string name = Path.GetFileName(file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(b.File("Images"), name)));
            different += File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(c.File("Images"), name))) ? 0 : 1;
        }

        Assert.Equal(30, different);
    }

    [Fact]
    public void Refuses_to_overwrite_and_checks_options()
    {
        using var temp = TestPaths.Temp();
        DemoDatasetGenerator.Generate(temp.Path, Small with { ImagesPerCategory = 1 });
        Assert.Throws<IOException>(() => DemoDatasetGenerator.Generate(temp.Path, Small));
        DemoDatasetGenerator.Generate(temp.Path, Small with { ImagesPerCategory = 1, Overwrite = true });
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDatasetGenerator.Generate(temp.File("x"), Small with { ImagesPerCategory = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDatasetGenerator.Generate(temp.File("x"), Small with { Width = 8 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDatasetGenerator.Generate(temp.File("x"), Small with { JpegQuality = 0 }));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Csv_fields_are_quoted_when_needed(string text, string field)
    {
        Assert.Equal(field, DemoDatasetGenerator.CsvField(text));
    }
}
