namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// A stratified bootstrap of the statistics of a <see cref="SimilarityAnalysis"/>: each replicate draws, with
/// replacement, as many images from every category as it holds (so category sizes stay) and carries each drawn
/// image's captions along. A replicate is a weight per image (how often it was drawn), and every statistic is
/// recomputed from the matrices the analysis already holds, only reindexed: nothing is embedded or multiplied again.
/// Pair statistics count pairs of distinct draws of distinct items (two draws of one image are not a pair, as in
/// <see cref="CategorySimilarity.Separation"/>). Recall keeps the whole gallery and resamples the queries, since a
/// gallery holding an image twice would tie it with itself.
/// </summary>
public sealed class SimilarityBootstrap
{
    private readonly int _n;
    private readonly int _m;
    private readonly int _d;
    private readonly int _perImage;
    private readonly int[] _labels;
    private readonly int[][] _members;
    private readonly double[] _imageImage;
    private readonly double[] _norms;
    private readonly double[] _unitImages;
    private readonly double[]? _unitTexts;
    private readonly double[]? _imageText;
    private readonly double[]? _textText;
    private readonly int[]? _imageRanks;
    private readonly int[]? _textRanks;

    /// <summary>Prepares the bootstrap of <paramref name="analysis"/>, computed on <paramref name="images"/> and <paramref name="texts"/> with <paramref name="labels"/>.</summary>
    /// <param name="analysis">The analysis (its matrices are reused).</param>
    /// <param name="images">The n × d image rows the analysis was given.</param>
    /// <param name="texts">The m × d text rows (m = c·n, the c captions of image i in rows c·i … c·i + c − 1), or empty.</param>
    /// <param name="labels">The category of each image, 0 … K − 1.</param>
    public SimilarityBootstrap(SimilarityAnalysis analysis, ReadOnlySpan<double> images, ReadOnlySpan<double> texts, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(labels);
        _n = analysis.Images;
        _m = analysis.Texts;
        _d = analysis.Dimension;
        if (labels.Count != _n)
        {
            throw new ArgumentException($"{_n} images need {_n} labels, not {labels.Count}.", nameof(labels));
        }

        if (_m > 0 && _m % _n != 0)
        {
            throw new ArgumentException($"{_m} texts is not a multiple of {_n} images; captions cannot follow their images.", nameof(texts));
        }

        _perImage = _m / _n;
        _labels = [.. labels];
        int k = _labels.Max() + 1;
        _members = [.. Enumerable.Range(0, k).Select(c => Enumerable.Range(0, _n).Where(i => _labels[i] == c).ToArray()).Where(static g => g.Length > 0)];
        _imageImage = analysis.ImageImage;
        _unitImages = CosineSimilarity.Normalize(images, _n, _d);
        _norms = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            _norms[i] = System.Numerics.Tensors.TensorPrimitives.Norm(images.Slice(i * _d, _d));
        }

        if (_m > 0)
        {
            _unitTexts = CosineSimilarity.Normalize(texts, _m, _d);
            _imageText = analysis.ImageText;
            _textText = analysis.TextText;
            (_imageRanks, _textRanks) = Ranks(_imageText!, _n, _m, _perImage);
        }
    }

    /// <summary>
    /// <paramref name="replicates"/> values of <paramref name="statistic"/>, one per stratified resample drawn from
    /// a generator seeded <paramref name="seed"/> (NaN where the statistic is undefined on a replicate).
    /// </summary>
    /// <param name="statistic">Evaluated on the weights: how often each image was drawn.</param>
    /// <param name="replicates">Number of replicates B.</param>
    /// <param name="seed">The seed; the same seed gives the same draws.</param>
    /// <param name="cancellationToken">Stops between replicates.</param>
    public double[] Replicates(Func<int[], double> statistic, int replicates, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        var random = new SplitMix64(seed);
        var values = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            values[r] = statistic(Draw(ref random));
        }

        return values;
    }

    /// <summary>The weights of one replicate: for each category in label order, as many draws with replacement as it has members, in turn.</summary>
    public int[] Draw(ref SplitMix64 random)
    {
        var weights = new int[_n];
        foreach (var members in _members)
        {
            for (int k = 0; k < members.Length; k++)
            {
                weights[members[random.NextBelow(members.Length)]]++;
            }
        }

        return weights;
    }

    /// <summary>Image–image mean cosine over the pairs of a replicate.</summary>
    public double ImageImageMean(int[] weights) => PairMean(_imageImage, _n, weights, null);

    /// <summary>Mean cosine over a replicate's pairs inside <paramref name="category"/>.</summary>
    public double IntraMean(int[] weights, int category) =>
        PairMean(_imageImage, _n, Only(weights, category), null);

    /// <summary>Mean cosine over a replicate's same-category pairs.</summary>
    public double IntraMean(int[] weights) => PairMean(_imageImage, _n, weights, (i, j) => _labels[i] == _labels[j]);

    /// <summary>Mean cosine over a replicate's different-category pairs.</summary>
    public double InterMean(int[] weights) => PairMean(_imageImage, _n, weights, (i, j) => _labels[i] != _labels[j]);

    /// <summary>Intra minus inter mean cosine of a replicate.</summary>
    public double IntraMinusInter(int[] weights) => IntraMean(weights) - InterMean(weights);

    /// <summary>
    /// The participation ratio of a replicate's image rows (each drawn row counted as often as drawn), from the
    /// image Gram matrix centred on the replicate's mean: (Σ_i w_i C_ii)² / Σ_ij w_i w_j C_ij².
    /// </summary>
    public double EffectiveDimension(int[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var drawn = Drawn(weights);
        double total = drawn.Sum(i => (double)weights[i]);
        if (drawn.Length < 2)
        {
            return double.NaN;
        }

        // Raw Gram G_ij = cos_ij ‖x_i‖ ‖x_j‖; a_i = x_i · μ, b = μ · μ.
        var a = new double[drawn.Length];
        for (int p = 0; p < drawn.Length; p++)
        {
            int i = drawn[p];
            double sum = 0;
            foreach (int j in drawn)
            {
                sum += weights[j] * Gram(i, j);
            }

            a[p] = sum / total;
        }

        double b = 0;
        for (int p = 0; p < drawn.Length; p++)
        {
            b += weights[drawn[p]] * a[p] / total;
        }

        double trace = 0, frobenius = 0;
        for (int p = 0; p < drawn.Length; p++)
        {
            int i = drawn[p];
            trace += weights[i] * (Gram(i, i) - (2 * a[p]) + b);
            for (int q = 0; q < drawn.Length; q++)
            {
                int j = drawn[q];
                double c = Gram(i, j) - a[p] - a[q] + b;
                frobenius += (double)weights[i] * weights[j] * c * c;
            }
        }

        return trace * trace / frobenius;
    }

    /// <summary>Text–text mean cosine over a replicate's pairs of captions (each caption weighted as its image).</summary>
    public double TextTextMean(int[] weights) => PairMean(TextMatrix(_textText), _m, TextWeights(weights), null);

    /// <summary>Mean cosine over every (image, caption) pair of a replicate.</summary>
    public double ImageTextMean(int[] weights)
    {
        var imageText = TextMatrix(_imageText);
        var textWeights = TextWeights(weights);
        double sum = 0, count = 0;
        foreach (int i in Drawn(weights))
        {
            var row = imageText.AsSpan(i * _m, _m);
            double rowSum = 0;
            for (int t = 0; t < _m; t++)
            {
                rowSum += textWeights[t] * row[t];
            }

            sum += weights[i] * rowSum;
        }

        foreach (int w in weights)
        {
            count += w;
        }

        return sum / (count * count * _perImage);
    }

    /// <summary>‖μ_image − μ_text‖ of a replicate's L2-normalised rows.</summary>
    public double ModalityGap(int[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var texts = TextMatrix(_unitTexts);
        double count = weights.Sum(static w => (double)w);
        var gap = new double[_d];
        for (int i = 0; i < _n; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }

            double w = weights[i] / count;
            for (int j = 0; j < _d; j++)
            {
                gap[j] += w * _unitImages[(i * _d) + j];
            }

            for (int t = i * _perImage; t < (i + 1) * _perImage; t++)
            {
                for (int j = 0; j < _d; j++)
                {
                    gap[j] -= w / _perImage * texts[(t * _d) + j];
                }
            }
        }

        return System.Numerics.Tensors.TensorPrimitives.Norm<double>(gap);
    }

    /// <summary>Image → text recall@<paramref name="k"/> (ties counted against) over a replicate's image queries, against every caption.</summary>
    public double RecallImageToText(int[] weights, int k)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var ranks = _imageRanks ?? throw new InvalidOperationException("Recall needs captions.");
        double hits = 0, count = 0;
        for (int i = 0; i < _n; i++)
        {
            hits += ranks[i] <= k ? weights[i] : 0;
            count += weights[i];
        }

        return hits / count;
    }

    /// <summary>Text → image recall@<paramref name="k"/> (ties counted against) over a replicate's caption queries, against every image.</summary>
    public double RecallTextToImage(int[] weights, int k)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var ranks = _textRanks ?? throw new InvalidOperationException("Recall needs captions.");
        double hits = 0, count = 0;
        for (int t = 0; t < _m; t++)
        {
            int w = weights[t / _perImage];
            hits += ranks[t] <= k ? w : 0;
            count += w;
        }

        return hits / count;
    }

    /// <summary>
    /// Each image's rank of its best caption and each caption's rank of its image, ties counted against the query
    /// (1 + the wrong candidates scoring at least as high), as <see cref="RetrievalRecall"/> counts them.
    /// </summary>
    private static (int[] Images, int[] Texts) Ranks(double[] imageText, int n, int m, int perImage)
    {
        var imageRanks = new int[n];
        for (int i = 0; i < n; i++)
        {
            var row = imageText.AsSpan(i * m, m);
            double best = double.NegativeInfinity;
            for (int t = i * perImage; t < (i + 1) * perImage; t++)
            {
                best = Math.Max(best, row[t]);
            }

            int rank = 1;
            for (int t = 0; t < m; t++)
            {
                rank += t / perImage != i && row[t] >= best ? 1 : 0;
            }

            imageRanks[i] = rank;
        }

        var textRanks = new int[m];
        for (int t = 0; t < m; t++)
        {
            int owner = t / perImage;
            double score = imageText[(owner * m) + t];
            int rank = 1;
            for (int i = 0; i < n; i++)
            {
                rank += i != owner && imageText[(i * m) + t] >= score ? 1 : 0;
            }

            textRanks[t] = rank;
        }

        return (imageRanks, textRanks);
    }

    private static double[] TextMatrix(double[]? matrix) => matrix ?? throw new InvalidOperationException("This statistic needs captions.");

    private static int[] Drawn(int[] weights)
    {
        var drawn = new List<int>();
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                drawn.Add(i);
            }
        }

        return [.. drawn];
    }

    /// <summary>Σ_{i&lt;j} w_i w_j S_ij / Σ_{i&lt;j} w_i w_j over drawn pairs that <paramref name="include"/> accepts, all when null (NaN without a pair).</summary>
    private static double PairMean(double[] square, int size, int[] weights, Func<int, int, bool>? include)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var drawn = Drawn(weights);
        double sum = 0, count = 0;
        for (int p = 0; p < drawn.Length; p++)
        {
            int i = drawn[p];
            var row = square.AsSpan(i * size, size);
            double wi = weights[i];
            for (int q = p + 1; q < drawn.Length; q++)
            {
                int j = drawn[q];
                if (include is null || include(i, j))
                {
                    double w = wi * weights[j];
                    sum += w * row[j];
                    count += w;
                }
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private int[] Only(int[] weights, int category)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var only = new int[_n];
        for (int i = 0; i < _n; i++)
        {
            only[i] = _labels[i] == category ? weights[i] : 0;
        }

        return only;
    }

    private int[] TextWeights(int[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var textWeights = new int[_m];
        for (int t = 0; t < _m; t++)
        {
            textWeights[t] = weights[t / _perImage];
        }

        return textWeights;
    }

    private double Gram(int i, int j) => _imageImage[(i * _n) + j] * _norms[i] * _norms[j];
}
