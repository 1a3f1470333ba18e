namespace ClipGeometry.Sweep;

/// <summary>Where a sweep's artifacts live in the store (relative, '/'-separated), named by the unit that writes them.</summary>
public static class SweepPaths
{
    /// <summary>The sweep's folder.</summary>
    public static string Folder(string sweepId) => $"sweeps/{sweepId}";

    /// <summary>The plan.</summary>
    public static string Plan(string sweepId) => $"sweeps/{sweepId}/plan.json";

    /// <summary>The model's description.</summary>
    public static string Model(string sweepId) => $"sweeps/{sweepId}/model.json";

    /// <summary>The zero-shot classification plan (every loaded image, cut into shards embedded at the reference level).</summary>
    public static string Classification(string sweepId) => $"sweeps/{sweepId}/classify/plan.json";

    /// <summary>A classification shard's manifest.</summary>
    public static string ClassificationShard(string sweepId, int shard) => $"sweeps/{sweepId}/classify/shard-{shard}.json";

    /// <summary>How the categories were assigned (the zero-shot record: prompts and agreement; JSON).</summary>
    public static string Categories(string sweepId) => $"sweeps/{sweepId}/categories.json";

    /// <summary>An embedded shard's manifest.</summary>
    public static string Shard(string sweepId, string category, int shard) => $"sweeps/{sweepId}/shards/{category}-{shard}.json";

    /// <summary>A point set's diagram.</summary>
    public static string Diagram(string sweepId, string level, string category) => $"sweeps/{sweepId}/diagrams/{level}/{category}.csv";

    /// <summary>Bootstrap replicate <paramref name="b"/> of a point set's diagram.</summary>
    public static string Replicate(string sweepId, string level, string category, int b) => $"sweeps/{sweepId}/diagrams/{level}/replicates/{category}-{b}.csv";

    /// <summary>One half of null draw <paramref name="draw"/> of a category (<paramref name="half"/> 0 or 1).</summary>
    public static string NullHalf(string sweepId, string level, string category, int draw, int half) => $"sweeps/{sweepId}/nulls/{level}/{category}-{draw}-{half}.csv";

    /// <summary>What subsampling did for a point set (JSON).</summary>
    public static string Subsampling(string sweepId, string level, string category) => $"sweeps/{sweepId}/subsampling/{level}/{category}.json";

    /// <summary>A category's caption embeddings (float32 [n·c, d], every planned image of the category in plan order).</summary>
    public static string Texts(string sweepId, string category) => $"sweeps/{sweepId}/texts/{category}.npy";

    /// <summary>The text unit's record (tokenizer, captions per image); written last, so its presence marks the unit as done.</summary>
    public static string TextInfo(string sweepId) => $"sweeps/{sweepId}/texts/texts.json";

    /// <summary>The fragment a metrics unit writes (its rows of wasserstein.csv, subspace_angles.csv or similarity.csv, or an intermediate), written last and whole: its presence marks the unit as done.</summary>
    public static string Fragment(string sweepId, string unitKey) => $"sweeps/{sweepId}/metrics/{unitKey}.csv";

    /// <summary>The marker a unit without a single output file writes last (bootstrap replicate units).</summary>
    public static string Done(string sweepId, string unitKey) => $"sweeps/{sweepId}/done/{unitKey}";

    /// <summary>The finished results directory.</summary>
    public static string Results(string sweepId) => $"sweeps/{sweepId}/results";
}
