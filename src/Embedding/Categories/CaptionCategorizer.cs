using ClipGeometry.Embedding.Datasets;

namespace ClipGeometry.Embedding.Categories;

/// <summary>
/// Puts images in categories from their captions with <see cref="CategoryRules"/>. A caption is split into
/// words (letters and digits, lower-cased); it votes for the first category in rule order that has a keyword
/// (or keyword phrase) among them, with regular plurals, or for the catch-all when none does. An image's
/// category is the one with the most votes over its captions; a tie for the most votes, or a win of the
/// catch-all, gives the catch-all (<c>other</c>).
/// </summary>
public sealed class CaptionCategorizer
{
    private readonly Dictionary<string, List<(string[] Tail, int Category)>> _byFirstWord = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">The rules are invalid.</exception>
    public CaptionCategorizer(CategoryRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        string? problem = rules.Validate();
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid category rules: {problem}.", nameof(rules));
        }

        Rules = rules;
        for (int c = 0; c < rules.Categories.Count; c++)
        {
            foreach (string keyword in rules.Categories[c].Keywords)
            {
                var words = Words(keyword);
                foreach (string last in Forms(words[^1]))
                {
                    var phrase = words.ToArray();
                    phrase[^1] = last;
                    if (!_byFirstWord.TryGetValue(phrase[0], out var list))
                    {
                        list = [];
                        _byFirstWord.Add(phrase[0], list);
                    }

                    list.Add((phrase[1..], c));
                }
            }
        }
    }

    /// <summary>The rules in force.</summary>
    public CategoryRules Rules { get; }

    /// <summary>The index of the category <paramref name="caption"/> votes for, or −1 for none.</summary>
    public int CategorizeCaption(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var words = Words(caption);
        int best = int.MaxValue;
        for (int i = 0; i < words.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates))
            {
                continue;
            }

            foreach (var (tail, category) in candidates)
            {
                if (category < best && Follows(words, i + 1, tail))
                {
                    best = category;
                }
            }
        }

        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>The category of an image with <paramref name="captions"/>: the majority vote, ties and no match giving the catch-all.</summary>
    public string Categorize(IReadOnlyList<string> captions)
    {
        ArgumentNullException.ThrowIfNull(captions);
        Span<int> votes = stackalloc int[Rules.Categories.Count + 1]; // last slot: the catch-all
        votes.Clear();
        foreach (string caption in captions)
        {
            int c = CategorizeCaption(caption);
            votes[c < 0 ? Rules.Categories.Count : c]++;
        }

        int winner = -1, top = 0;
        bool tie = false;
        for (int c = 0; c < votes.Length; c++)
        {
            if (votes[c] > top)
            {
                (winner, top, tie) = (c, votes[c], false);
            }
            else if (votes[c] == top && top > 0)
            {
                tie = true;
            }
        }

        return winner < 0 || tie || winner == Rules.Categories.Count ? Rules.Other : Rules.Categories[winner].Name;
    }

    /// <summary>Sets every item's category from its captions and counts the images per category.</summary>
    public CategorizationResult Assign(IReadOnlyList<DatasetItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<DatasetItem>(items.Count);
        foreach (var item in items)
        {
            string category = Categorize(item.Captions);
            counts[category] = counts.GetValueOrDefault(category) + 1;
            result.Add(item with { Category = category });
        }

        var ordered = Rules.Categories.Select(r => r.Name).Append(Rules.Other)
            .Select(name => new KeyValuePair<string, int>(name, counts.GetValueOrDefault(name)))
            .ToArray();
        return new CategorizationResult(result, ordered);
    }

    /// <summary>The lower-cased words of <paramref name="text"/>: maximal runs of letters and digits.</summary>
    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>A word and its regular plurals: +s; +es after s, x, z, ch, sh, o; y → ies after a consonant; f/fe → ves.</summary>
    internal static IEnumerable<string> Forms(string word)
    {
        yield return word;
        yield return word + "s";
        if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal)
            || word.EndsWith("sh", StringComparison.Ordinal) || word.EndsWith('o'))
        {
            yield return word + "es";
        }

        if (word.Length > 1 && word.EndsWith('y') && !"aeiou".Contains(word[^2], StringComparison.Ordinal))
        {
            yield return word[..^1] + "ies";
        }

        if (word.Length > 1 && word.EndsWith('f'))
        {
            yield return word[..^1] + "ves";
        }

        if (word.Length > 2 && word.EndsWith("fe", StringComparison.Ordinal))
        {
            yield return word[..^2] + "ves";
        }
    }

    private static bool Follows(List<string> words, int start, string[] rest)
    {
        if (start + rest.Length > words.Count)
        {
            return false;
        }

        for (int k = 0; k < rest.Length; k++)
        {
            if (!string.Equals(words[start + k], rest[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
