using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Tests.Datasets;

public sealed class DatasetPipelineTests
{
    [Fact]
    public void Demo_dataset_is_categorised_from_captions_and_capped_per_category()
    {
        using var temp = TestPaths.Temp();
        DemoDatasetGenerator.Generate(temp.Path, new DemoDatasetOptions { Seed = 2, ImagesPerCategory = 8, Width = 32, Height = 24 });
        var prepared = DatasetPipeline.Prepare(temp.Path, CategoryRules.Default, new DatasetSampleOptions { Seed = 9, PerCategoryCap = 5 });
        Assert.False(prepared.CategoriesFromDataset);
        Assert.Equal([8, 8, 8, 8, 8, 0], prepared.CategoryCounts.Select(c => c.Value));
        Assert.Equal([5, 5, 5, 5, 5, 0], prepared.SampleCounts.Select(c => c.Value));
        Assert.Equal(25, prepared.Dataset.Items.Count);
        Assert.Empty(prepared.Dataset.Issues);

        var again = DatasetPipeline.Prepare(temp.Path, CategoryRules.Default, new DatasetSampleOptions { Seed = 9, PerCategoryCap = 5 });
        Assert.Equal(prepared.Dataset.Items.Select(i => i.Name), again.Dataset.Items.Select(i => i.Name));
    }

    [Fact]
    public void Manifest_categories_are_kept_when_every_image_has_one()
    {
        using var temp = TestPaths.Temp();
        File.WriteAllText(temp.File("a.jpg"), "x");
        File.WriteAllText(temp.File("b.jpg"), "x");
        File.WriteAllText(temp.File("manifest.csv"), "path,caption,category\na.jpg,A dog .,kitchen\nb.jpg,A car .,other\n");
        var prepared = DatasetPipeline.Prepare(temp.Path, CategoryRules.Default, new DatasetSampleOptions());
        Assert.True(prepared.CategoriesFromDataset);
        Assert.Equal(["a.jpg"], prepared.Dataset.Items.Select(i => i.Name)); // 'other' excluded
        Assert.Equal("kitchen", prepared.Dataset.Items[0].Category);
        Assert.Equal(["animal", "sport", "vehicle", "human", "nature", "kitchen", "other"], prepared.CategoryCounts.Select(c => c.Key));

        var fromCaptions = DatasetPipeline.Prepare(temp.Path, CategoryRules.Default, new DatasetSampleOptions(), useDatasetCategories: false);
        Assert.Equal(["animal", "vehicle"], fromCaptions.Dataset.Items.Select(i => i.Category));
    }
}
