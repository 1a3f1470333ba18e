using ClipGeometry.Embedding.Categories;
using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Tests.Categories;

public sealed class CaptionCategorizerTests
{
    private static readonly CaptionCategorizer Default = new(CategoryRules.Default);

    [Theory]
    [InlineData("A black dog runs through the grass .", "animal")]
    [InlineData("Two dogs play with a ball .", "animal")]
    [InlineData("Three puppies sleep .", "animal")]
    [InlineData("A pack of wolves .", "animal")]
    [InlineData("A man riding a horse on the beach .", "animal")]
    [InlineData("A boy kicks a soccer ball .", "sport")]
    [InlineData("Skiers on a snowy mountain .", "sport")]
    [InlineData("Two buses on the street .", "vehicle")]
    [InlineData("A woman rides a bicycle .", "vehicle")]
    [InlineData("A fire truck parked outside .", "vehicle")]
    [InlineData("Men and women walk down the street .", "human")]
    [InlineData("Children laughing .", "human")]
    [InlineData("A waterfall in the forest .", "nature")]
    [InlineData("Mountains under a cloudy sky .", "nature")]
    [InlineData("A close-up of a red door .", null)]
    [InlineData("The doghouse is empty .", null)] // word boundaries: doghouse is not dog
    [InlineData("A catalogue on a shelf .", null)]
    [InlineData("Scatter of pencils .", null)]
    [InlineData("A snowman .", null)]
    [InlineData("DOG!", "animal")]
    [InlineData("the dog's bowl", "animal")]
    public void Captions_vote_for_the_first_matching_category(string caption, string? expected)
    {
        int index = Default.CategorizeCaption(caption);
        Assert.Equal(expected, index < 0 ? null : CategoryRules.Default.Categories[index].Name);
    }

    [Fact]
    public void Image_category_is_the_majority_over_captions()
    {
        Assert.Equal("animal", Default.Categorize(["A dog .", "A brown dog runs .", "A man .", "Something .", "Two dogs ."]));
        Assert.Equal("sport", Default.Categorize(["A soccer game .", "Players run .", "A man in red .", "Grass .", "Something ."]));
    }

    [Fact]
    public void Ties_and_no_match_go_to_other()
    {
        Assert.Equal("other", Default.Categorize(["A dog .", "A car .", "A tree .", "A man ."])); // 1-1-1-1
        Assert.Equal("other", Default.Categorize(["A dog .", "A dog .", "A car .", "A car ."])); // 2-2
        Assert.Equal("other", Default.Categorize(["A red door .", "A blue wall .", "A dog ."])); // no match wins
        Assert.Equal("other", Default.Categorize(["A dog .", "Nothing here ."])); // tie with no match
        Assert.Equal("other", Default.Categorize([]));
    }

    [Fact]
    public void Assign_sets_categories_and_counts_in_rule_order()
    {
        DatasetItem[] items =
        [
            new("/a", "a", ["A dog .", "A dog ."]),
            new("/b", "b", ["A car .", "A truck ."]),
            new("/c", "c", ["A red door ."]),
            new("/d", "d", ["A cat .", "Cats ."]),
        ];
        var result = Default.Assign(items);
        Assert.Equal(["animal", "vehicle", "other", "animal"], result.Items.Select(i => i.Category));
        Assert.Equal(["animal", "sport", "vehicle", "human", "nature", "other"], result.Counts.Select(c => c.Key));
        Assert.Equal([2, 0, 1, 0, 0, 1], result.Counts.Select(c => c.Value));
    }

    [Theory]
    [InlineData("dog", new[] { "dog", "dogs" })]
    [InlineData("bus", new[] { "bus", "buss", "buses" })]
    [InlineData("puppy", new[] { "puppy", "puppys", "puppies" })]
    [InlineData("boy", new[] { "boy", "boys" })]
    [InlineData("wolf", new[] { "wolf", "wolfs", "wolves" })]
    [InlineData("knife", new[] { "knife", "knifes", "knives" })]
    [InlineData("beach", new[] { "beach", "beachs", "beaches" })]
    public void Regular_plurals(string word, string[] forms)
    {
        Assert.Equal(forms, CaptionCategorizer.Forms(word));
    }

    [Fact]
    public void Rules_round_trip_through_json_and_edits_take_effect()
    {
        using var temp = TestPaths.Temp();
        string path = temp.File("rules.json");
        CategoryRules.Default.Save(path);
        var loaded = CategoryRules.Load(path);
        Assert.Equal(CategoryRules.Default.Categories.Select(c => c.Name), loaded.Categories.Select(c => c.Name));
        Assert.Equal(CategoryRules.Default.Categories[0].Keywords, loaded.Categories[0].Keywords);
        Assert.Equal("a photo of a person", loaded.Categories[3].Prompt);

        File.WriteAllText(path, """
            // comments are allowed
            { "other": "misc",
              "categories": [ { "name": "kitchen", "keywords": ["knife", "frying pan"] } ] }
            """);
        var edited = new CaptionCategorizer(CategoryRules.Load(path));
        Assert.Equal("kitchen", edited.Categorize(["Two knives .", "Frying pans !"]));
        Assert.Equal("misc", edited.Categorize(["A frying egg ."]));
    }

    [Fact]
    public void Committed_default_rules_file_is_the_default()
    {
        var committed = CategoryRules.Load(Path.Combine(TestPaths.RepositoryRoot(), "docs", "category-rules.json"));
        Assert.Equal(CategoryRules.Default.ToJson().ReplaceLineEndings(), committed.ToJson().ReplaceLineEndings());
    }

    [Theory]
    [InlineData("{ \"categories\": [] }", "at least one category")]
    [InlineData("{ \"categories\": [ { \"name\": \"a\", \"keywords\": [] } ] }", "category 'a' has no keywords")]
    [InlineData("{ \"categories\": [ { \"name\": \"a\", \"keywords\": [\"x\"] }, { \"name\": \"a\", \"keywords\": [\"y\"] } ] }", "listed twice")]
    [InlineData("{ \"categories\": [ { \"name\": \"other\", \"keywords\": [\"x\"] } ] }", "catch-all")]
    [InlineData("{ \"categories\": [ { \"name\": \"a\", \"keywords\": [\" - \"] } ] }", "empty keyword")]
    [InlineData("{ \"categories\": [ \n { \"name\": 3 } ] }", "rules.json, line 2: not valid category rules JSON")]
    [InlineData("null", "empty")]
    public void Bad_rules_are_reported_with_the_file(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => CategoryRules.Parse(json, "rules.json"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("rules.json", e.Message, StringComparison.Ordinal);
    }
}
