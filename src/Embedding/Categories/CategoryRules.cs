using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClipGeometry.Embedding.Categories;

/// <summary>
/// Keyword rules that put images in categories from their captions, editable as JSON:
/// <code>{ "other": "other", "categories": [ { "name": "animal", "keywords": ["dog", "cat", …] }, … ] }</code>
/// Order matters: a caption counts for the first category, in file order, that has one of its words; so put
/// specific categories (animal, sport) before general ones (human, nature). See <see cref="CaptionCategorizer"/>.
/// </summary>
public sealed record CategoryRules
{
    /// <summary>The default name of the catch-all category.</summary>
    public const string DefaultOther = "other";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The categories, in priority order.</summary>
    [JsonPropertyName("categories")]
    public IReadOnlyList<CategoryRule> Categories { get; init; } = [];

    /// <summary>The name given to images without a match, or with a tie between categories.</summary>
    [JsonPropertyName("other")]
    public string Other { get; init; } = DefaultOther;

    /// <summary>The zero-shot prompt template (with <c>{category}</c>) for rules without their own prompt; null for <see cref="ZeroShotClassifier.DefaultTemplate"/>.</summary>
    [JsonPropertyName("template")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Template { get; init; }

    /// <summary>
    /// The five categories of the reference study, in priority order animal, sport, vehicle, human, nature, so
    /// that "a man rides a horse" is an animal image and "a boy plays soccer" a sport image.
    /// </summary>
    public static CategoryRules Default { get; } = new()
    {
        Categories =
        [
            new("animal", [
                "animal", "pet", "dog", "puppy", "pup", "cat", "kitten", "kitty", "horse", "pony", "foal", "cow", "cattle", "bull", "calf", "ox", "oxen",
                "sheep", "lamb", "goat", "pig", "bird", "duck", "goose", "geese", "chicken", "hen", "rooster", "swan", "pigeon", "seagull", "gull",
                "parrot", "owl", "eagle", "camel", "llama", "donkey", "mule", "elephant", "giraffe", "zebra", "lion", "tiger", "bear", "wolf",
                "fox", "deer", "monkey", "squirrel", "rabbit", "bunny", "mouse", "mice", "fish", "dolphin", "whale", "seal", "turtle", "frog",
                "snake", "poodle", "terrier", "retriever", "labrador", "collie", "sheepdog", "shepherd dog", "german shepherd", "dachshund",
                "beagle", "husky", "dalmatian", "greyhound", "spaniel", "bulldog", "pitbull", "chihuahua", "pug", "corgi", "rottweiler", "doberman",
            ], "a photo of an animal"),
            new("sport", [
                "sport", "soccer", "football", "basketball", "baseball", "softball", "tennis", "volleyball", "hockey", "rugby", "golf", "cricket",
                "lacrosse", "ball", "racket", "racquet", "bat", "goal", "goalie", "player", "team", "athlete", "referee", "match", "tournament",
                "ski", "skier", "skiing", "snowboard", "snowboarder", "snowboarding", "surf", "surfer", "surfing", "surfboard", "skateboard",
                "skateboarder", "skateboarding", "skater", "skating", "bmx", "wrestler", "wrestling", "boxer", "boxing", "karate", "race", "racer",
                "racing", "runner", "marathon", "jockey", "rodeo", "climber", "climbing", "gymnast", "swimmer", "diver", "kayaker", "wakeboard",
                "stadium", "jersey",
            ], "a photo of sport"),
            new("vehicle", [
                "vehicle", "car", "truck", "bus", "van", "jeep", "taxi", "cab", "suv", "tractor", "bicycle", "bike", "cyclist", "biker",
                "motorcycle", "motorbike", "scooter", "moped", "train", "tram", "trolley", "subway", "boat", "ship", "sailboat", "canoe", "kayak",
                "raft", "ferry", "yacht", "airplane", "plane", "jet", "helicopter", "wheel", "tire", "limousine", "ambulance", "firetruck", "fire truck",
            ]),
            new("human", [
                "person", "people", "man", "men", "woman", "women", "boy", "girl", "child", "children", "kid", "baby", "toddler", "infant", "lady",
                "ladies", "guy", "gentleman", "gentlemen", "teenager", "teen", "adult", "youth", "crowd", "couple", "family", "father", "mother",
                "dad", "mom", "parent", "son", "daughter", "brother", "sister", "friend", "student", "worker", "tourist", "bride", "groom",
                "someone", "individual", "policeman", "policemen", "musician", "singer", "dancer", "performer", "audience",
            ], "a photo of a person"),
            new("nature", [
                "nature", "mountain", "hill", "hillside", "valley", "cliff", "rock", "boulder", "forest", "woods", "tree", "jungle", "river",
                "stream", "creek", "lake", "pond", "ocean", "sea", "beach", "shore", "coast", "wave", "waterfall", "water", "sand", "desert",
                "dune", "canyon", "field", "meadow", "grass", "flower", "garden", "snow", "ice", "glacier", "sky", "cloud", "sunset", "sunrise",
                "landscape", "island", "countryside", "scenery", "leaf", "leaves",
            ], "a photo of nature"),
        ],
    };

    /// <summary>Reads rules from a JSON file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid rules JSON; the message names the file and why.</exception>
    public static CategoryRules Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses rules JSON; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">Not valid JSON, or the rules break a constraint (see <see cref="Validate"/>).</exception>
    public static CategoryRules Parse(string json, string source)
    {
        CategoryRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<CategoryRules>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}, line {(e.LineNumber ?? 0) + 1}: not valid category rules JSON ({e.Message.Split(". ")[0]}).", e);
        }

        if (rules is null)
        {
            throw new InvalidDataException($"{source}: the category rules are empty (null).");
        }

        string? problem = rules.Validate();
        return problem is null ? rules : throw new InvalidDataException($"{source}: {problem}.");
    }

    /// <summary>Writes the rules as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>The rules as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + Environment.NewLine;

    /// <summary>Why the rules cannot be used, or null: at least one category, names unique, non-empty and not the catch-all, non-empty keywords.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Other))
        {
            return "'other' must name the catch-all category";
        }

        if (Categories is null || Categories.Count == 0)
        {
            return "'categories' must list at least one category";
        }

        if (Template is not null && !Template.Contains("{category}", StringComparison.Ordinal))
        {
            return $"the prompt template '{Template}' must contain {{category}}";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Categories.Count; i++)
        {
            var rule = Categories[i];
            if (rule is null || string.IsNullOrWhiteSpace(rule.Name))
            {
                return $"category {i + 1} has no name";
            }

            if (rule.Name == Other)
            {
                return $"category '{rule.Name}' has the name of the catch-all category";
            }

            if (!names.Add(rule.Name))
            {
                return $"category '{rule.Name}' is listed twice";
            }

            if (rule.Keywords is null || rule.Keywords.Count == 0)
            {
                return $"category '{rule.Name}' has no keywords";
            }

            foreach (string keyword in rule.Keywords)
            {
                if (string.IsNullOrWhiteSpace(keyword) || CaptionCategorizer.Words(keyword).Count == 0)
                {
                    return $"category '{rule.Name}' has an empty keyword";
                }
            }
        }

        return null;
    }
}
