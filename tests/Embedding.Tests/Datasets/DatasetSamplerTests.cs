using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Tests.Datasets;

public sealed class DatasetSamplerTests
{
    private static List<DatasetItem> Items()
    {
        string[] categories = ["animal", "human", "sport", "other"];
        return Enumerable.Range(0, 200)
            .Select(i => new DatasetItem($"/d/{i}.jpg", $"{i}.jpg", ["c"], categories[i % 4] == "sport" && i > 100 ? "animal" : categories[i % 4]))
            .ToList();
    }

    [Fact]
    public void Same_seed_same_sample_different_seed_different_sample()
    {
        var items = Items();
        var options = new DatasetSampleOptions { Seed = 42, MaxItems = 30 };
        var a = DatasetSampler.Sample(items, options).Select(i => i.Name).ToList();
        var b = DatasetSampler.Sample(items, options).Select(i => i.Name).ToList();
        var c = DatasetSampler.Sample(items, options with { Seed = 43 }).Select(i => i.Name).ToList();
        Assert.Equal(30, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Sample_does_not_depend_on_the_order_of_the_items()
    {
        var items = Items();
        var reversed = Enumerable.Reverse(items).ToList();
        var options = new DatasetSampleOptions { Seed = 7, MaxItems = 25, PerCategoryCap = 10 };
        var a = DatasetSampler.Sample(items, options).Select(i => i.Name).Order(StringComparer.Ordinal);
        var b = DatasetSampler.Sample(reversed, options).Select(i => i.Name).Order(StringComparer.Ordinal);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Per_category_cap_and_other_excluded_by_default()
    {
        var sample = DatasetSampler.Sample(Items(), new DatasetSampleOptions { Seed = 1, PerCategoryCap = 12 });
        var counts = sample.GroupBy(i => i.Category).ToDictionary(g => g.Key!, g => g.Count());
        Assert.False(counts.ContainsKey("other"));
        Assert.Equal(12, counts["animal"]);
        Assert.Equal(12, counts["human"]);
        Assert.Equal(12, counts["sport"]);

        var withOther = DatasetSampler.Sample(Items(), new DatasetSampleOptions { Seed = 1, PerCategoryCap = 12, IncludeOther = true });
        Assert.Equal(12, withOther.Count(i => i.Category == "other"));
    }

    [Fact]
    public void Sample_keeps_the_dataset_order()
    {
        var items = Items();
        var sample = DatasetSampler.Sample(items, new DatasetSampleOptions { Seed = 3, MaxItems = 50, IncludeOther = true });
        var indices = sample.Select(i => items.IndexOf(i)).ToList();
        Assert.Equal(indices.Order(), indices);
    }

    [Fact]
    public void Negative_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSampler.Sample(Items(), new DatasetSampleOptions { MaxItems = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSampler.Sample(Items(), new DatasetSampleOptions { PerCategoryCap = -1 }));
    }
}
