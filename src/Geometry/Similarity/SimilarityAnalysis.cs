namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// The cosine-similarity study of image embeddings and, optionally, their captions' embeddings and the images'
/// categories: mean similarities, effective dimensionality, modality gap, recall@K (ties counted against the item),
/// intra/inter-category means and a bootstrap of their difference. One call, so the CLI, the sweep and the grains
/// compute the same statistics; writing them is left to the caller.
/// </summary>
public sealed class SimilarityAnalysis
{
    private readonly List<SimilarityStatistic> _statistics = [];
    private readonly List<string> _notes = [];

    private SimilarityAnalysis(int images, int dimension)
    {
        Images = images;
        Dimension = dimension;
    }

    /// <summary>Number of images n.</summary>
    public int Images { get; }

    /// <summary>Number of texts m (0 without texts).</summary>
    public int Texts { get; private set; }

    /// <summary>The embedding dimension d.</summary>
    public int Dimension { get; }

    /// <summary>The statistics, in the order they are reported.</summary>
    public IReadOnlyList<SimilarityStatistic> Statistics => _statistics;

    /// <summary>Why a statistic was left out (too few members for a bootstrap, captions that do not pair with images).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>n × n image–image cosine similarities, row-major.</summary>
    public double[] ImageImage { get; private set; } = [];

    /// <summary>n × m image–text cosine similarities (null without texts).</summary>
    public double[]? ImageText { get; private set; }

    /// <summary>m × m text–text cosine similarities (null without texts).</summary>
    public double[]? TextText { get; private set; }

    /// <summary>Recall@K (null without texts, or when m is not a multiple of n).</summary>
    public RetrievalRecall? Recall { get; private set; }

    /// <summary>The category names, when labels were given.</summary>
    public IReadOnlyList<string>? CategoryNames { get; private set; }

    /// <summary>Category statistics of the images (null without labels).</summary>
    public CategorySimilarity? ImageCategories { get; private set; }

    /// <summary>Category statistics of the texts, each labelled with its image's category (null without labels or pairing).</summary>
    public CategorySimilarity? TextCategories { get; private set; }

    /// <summary>Runs the analysis.</summary>
    /// <param name="images">n × d image embeddings, row-major; no row may be zero.</param>
    /// <param name="n">Number of images.</param>
    /// <param name="d">Dimension.</param>
    /// <param name="texts">m × d text embeddings (m = c·n, the c captions of image i in rows c·i … c·i + c − 1), or empty.</param>
    /// <param name="m">Number of texts (0 for none).</param>
    /// <param name="labels">Category of each image in 0 … K − 1, or null.</param>
    /// <param name="categoryNames">The K category names, with <paramref name="labels"/>.</param>
    /// <param name="bootstrapReplicates">Replicates of the intra − inter bootstrap (0 for none, else ≥ 2).</param>
    /// <param name="seed">Seed of the bootstrap.</param>
    /// <param name="cancellationToken">Stops the bootstrap between replicates.</param>
    public static SimilarityAnalysis Compute(
        ReadOnlySpan<double> images, int n, int d, ReadOnlySpan<double> texts, int m, int[]? labels, IReadOnlyList<string>? categoryNames,
        int bootstrapReplicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (bootstrapReplicates is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bootstrapReplicates), bootstrapReplicates, "0 (none) or at least 2 replicates.");
        }

        if (labels is not null && (labels.Length != n || categoryNames is null))
        {
            throw new ArgumentException($"{n} images need {n} labels and the category names; {labels.Length} labels given.", nameof(labels));
        }

        var analysis = new SimilarityAnalysis(n, d);
        analysis.Add("images", n);
        analysis.Add("dimension", d);
        var na = CosineSimilarity.Normalize(images, n, d);
        var imageImage = CosineSimilarity.MatrixOfNormalized(na, n, na, n, d);
        analysis.ImageImage = imageImage;
        analysis.Add("image-image mean cosine (i<j)", OffDiagonalMean(imageImage, n));
        analysis.Add("image effective dimensionality (participation ratio)", n >= 2 ? EffectiveDimensionality.ParticipationRatio(images, n, d) : double.NaN);
        if (labels is not null)
        {
            analysis.CategoryNames = categoryNames;
            var stats = CategorySimilarity.Compute(imageImage, labels);
            analysis.ImageCategories = stats;
            analysis.Add("image intra-category mean cosine", stats.IntraMean);
            analysis.Add("image inter-category mean cosine", stats.InterMean);
            for (int c = 0; c < categoryNames!.Count; c++)
            {
                analysis.Add($"image intra mean [{categoryNames[c]}]", c < stats.IntraMeans.Count ? stats.IntraMeans[c] : double.NaN);
            }

            if (bootstrapReplicates >= 2)
            {
                var members = Members(labels, categoryNames.Count);
                if (members.Any(static g => g.Length < 2))
                {
                    analysis._notes.Add("no bootstrap, a category has fewer than two images.");
                }
                else if (categoryNames.Count < 2)
                {
                    analysis._notes.Add("no bootstrap, the labels name one category only.");
                }
                else
                {
                    var estimate = CategoryBootstrap.Run(
                        members, sample => CategorySimilarity.Separation(imageImage, n, labels, sample), bootstrapReplicates, seed,
                        cancellationToken: cancellationToken);
                    analysis._statistics.Add(new SimilarityStatistic(
                        $"image intra − inter (bootstrap, {estimate.SampleSize} per category, {estimate.Replicates} replicates, seed {estimate.Seed})",
                        estimate.Mean, estimate.Lower, estimate.Upper));
                }
            }
        }

        if (m > 0)
        {
            analysis.AddTexts(images, na, texts, m, labels);
        }

        return analysis;
    }

    private void AddTexts(ReadOnlySpan<double> images, double[] na, ReadOnlySpan<double> texts, int m, int[]? labels)
    {
        int n = Images, d = Dimension;
        Texts = m;
        var nb = CosineSimilarity.Normalize(texts, m, d);
        var imageText = CosineSimilarity.MatrixOfNormalized(na, n, nb, m, d);
        var textText = CosineSimilarity.MatrixOfNormalized(nb, m, nb, m, d);
        ImageText = imageText;
        TextText = textText;
        Add("texts", m);
        Add("text-text mean cosine (i<j)", OffDiagonalMean(textText, m));
        Add("image-text mean cosine", Mean(imageText));
        Add("modality gap ‖mean image − mean text‖ (normalised)", ModalityGap.Compute(images, n, texts, m, d));
        Add("text effective dimensionality (participation ratio)", m >= 2 ? EffectiveDimensionality.ParticipationRatio(texts, m, d) : double.NaN);
        if (m % n != 0)
        {
            _notes.Add($"{m} texts is not a multiple of {n} images; no caption pairing, so no recall@K.");
            return;
        }

        int perImage = m / n;
        var imageOfText = new int[m];
        double matched = 0;
        for (int t = 0; t < m; t++)
        {
            imageOfText[t] = t / perImage;
            matched += imageText[(imageOfText[t] * m) + t] / m;
        }

        Add("image-text mean cosine of matching pairs", matched);
        var recall = RetrievalRecall.Compute(imageText, n, imageOfText);
        Recall = recall;
        for (int k = 0; k < recall.Ks.Count; k++)
        {
            Add($"recall@{recall.Ks[k]} image→text (ties counted against)", recall.ImageToText[k]);
        }

        for (int k = 0; k < recall.Ks.Count; k++)
        {
            Add($"recall@{recall.Ks[k]} text→image (ties counted against)", recall.TextToImage[k]);
        }

        for (int k = 0; k < recall.Ks.Count; k++)
        {
            Add($"recall@{recall.Ks[k]} image→text (ties in favour)", recall.ImageToTextOptimistic[k]);
        }

        for (int k = 0; k < recall.Ks.Count; k++)
        {
            Add($"recall@{recall.Ks[k]} text→image (ties in favour)", recall.TextToImageOptimistic[k]);
        }

        if (labels is not null)
        {
            var textLabels = new int[m];
            for (int t = 0; t < m; t++)
            {
                textLabels[t] = labels[imageOfText[t]];
            }

            TextCategories = CategorySimilarity.Compute(textText, textLabels);
            Add("text intra-category mean cosine", TextCategories.IntraMean);
            Add("text inter-category mean cosine", TextCategories.InterMean);
        }
    }

    private void Add(string name, double value) => _statistics.Add(new SimilarityStatistic(name, value));

    private static int[][] Members(int[] labels, int categories)
    {
        var lists = new List<int>[categories];
        for (int c = 0; c < categories; c++)
        {
            lists[c] = [];
        }

        for (int i = 0; i < labels.Length; i++)
        {
            lists[labels[i]].Add(i);
        }

        return [.. lists.Select(static l => l.ToArray())];
    }

    private static double OffDiagonalMean(double[] square, int n)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                sum += square[(i * n) + j];
            }
        }

        return sum / ((double)n * (n - 1) / 2);
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}
