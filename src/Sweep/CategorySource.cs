using System.Text.Json.Nodes;
using ClipGeometry.Embedding.Categories;

namespace ClipGeometry.Sweep;

/// <summary>
/// How a sweep's categories were assigned, as results.json's <c>categories</c> records it: the source
/// (<c>captions</c>, <c>rules file</c> or <c>zero-shot</c>), the rules file, and for zero-shot the template, the prompt
/// of each category and the agreement with the caption rules (<see cref="CategoryAgreement"/>: rate and confusion counts).
/// </summary>
public static class CategorySource
{
    /// <summary>The record of a zero-shot assignment of <paramref name="classified"/> images.</summary>
    public static JsonObject ZeroShot(SweepSpec spec, CategoryRules rules, IReadOnlyList<string> prompts, CategoryAgreement agreement, int classified)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(agreement);
        var promptsByCategory = new JsonObject();
        for (int i = 0; i < rules.Categories.Count; i++)
        {
            promptsByCategory[rules.Categories[i].Name] = prompts[i];
        }

        return new JsonObject
        {
            ["source"] = spec.CategorySource,
            ["rules"] = spec.RulesFile,
            ["template"] = rules.Template ?? ZeroShotClassifier.DefaultTemplate,
            ["prompts"] = promptsByCategory,
            ["classified"] = classified,
            ["agreement"] = new JsonObject
            {
                ["compared"] = agreement.Compared,
                ["agreed"] = agreement.Agreed,
                ["rate"] = double.IsNaN(agreement.Rate) ? null : agreement.Rate,
                ["confusion"] = new JsonArray(agreement.Confusion.Select(static c => (JsonNode?)new JsonObject
                {
                    ["captions"] = c.Key.FromCaptions,
                    ["zeroShot"] = c.Key.ZeroShot,
                    ["count"] = c.Value,
                }).ToArray()),
            },
        };
    }

    /// <summary>The <c>categories</c> object of results.json: the zero-shot record the planning stored, else the source and rules file.</summary>
    public static JsonNode Describe(ArtifactStore store, string sweepId, SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        return store.Exists(SweepPaths.Categories(sweepId))
            ? JsonNode.Parse(store.ReadText(SweepPaths.Categories(sweepId)))!
            : new JsonObject { ["source"] = spec.CategorySource, ["rules"] = spec.RulesFile };
    }
}
