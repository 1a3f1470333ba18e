using ClipGeometry.Geometry.Similarity;
using MathNet.Numerics.LinearAlgebra;

namespace ClipGeometry.Geometry.Tests.Similarity;

public sealed class SimilarityTests
{
    [Fact]
    public void Cosine_matrix_of_hand_vectors()
    {
        double[] a = [1, 0, 3, 4];
        double[] b = [0, 2, 1, 1];
        var s = CosineSimilarity.Matrix(a, 2, b, 2, 2);
        Assert.Equal(0, s[0], 14);
        Assert.Equal(1 / Math.Sqrt(2), s[1], 14);
        Assert.Equal(0.8, s[2], 14);
        Assert.Equal(7 / (5 * Math.Sqrt(2)), s[3], 14);
    }

    [Fact]
    public void Zero_row_is_refused_by_number()
    {
        var e = Assert.Throws<ArgumentException>(() => CosineSimilarity.Normalize([1, 0, 0, 0], 2, 2));
        Assert.Contains("Row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intra_and_inter_means()
    {
        // Three items: labels 0, 0, 1. Pairs: (0,1) intra 0.9, (0,2) inter 0.1, (1,2) inter 0.3.
        double[] s = [1, 0.9, 0.1, 0.9, 1, 0.3, 0.1, 0.3, 1];
        var stats = CategorySimilarity.Compute(s, [0, 0, 1]);
        Assert.Equal(0.9, stats.IntraMean, 14);
        Assert.Equal(0.2, stats.InterMean, 14);
        Assert.Equal(0.9, stats.IntraMeans[0], 14);
        Assert.True(double.IsNaN(stats.IntraMeans[1]));
        Assert.Equal(0.2, stats.PairMeans[1], 14);
        Assert.Equal([0.9], stats.IntraValues);
        Assert.Equal(2, stats.InterValues.Count);
        Assert.Equal(0.7, CategorySimilarity.Separation(s, 3, [0, 0, 1], [[0, 1], [2]]), 14);
    }

    [Fact]
    public void Recall_at_k_counts_ranks()
    {
        // Two images, four captions (two each). Image 0's captions are texts 0, 1; image 1's are 2, 3.
        double[] s =
        [
            0.9, 0.1, 0.5, 0.2, // image 0: caption 0 ranks first
            0.8, 0.2, 0.7, 0.1, // image 1: its best caption (2) ranks second
        ];
        var recall = RetrievalRecall.Compute(s, 2, [0, 0, 1, 1], [1, 2]);
        Assert.Equal(0.5, recall.ImageToText[0]);
        Assert.Equal(1.0, recall.ImageToText[1]);

        // Text → image: text 0 → image 0 (0.9 > 0.8) rank 1; text 1: 0.1 vs 0.2 rank 2; text 2: 0.7 vs 0.5 rank 1; text 3: 0.1 vs 0.2 rank 2.
        Assert.Equal(0.5, recall.TextToImage[0]);
        Assert.Equal(1.0, recall.TextToImage[1]);
    }

    [Fact]
    public void Recall_counts_ties_against_the_item_and_keeps_the_optimistic_value()
    {
        // Duplicate captions: image 0 and image 1 both have the caption "a dog" (texts 0 and 1 are the same vector),
        // so each image scores its own caption and the other image's exactly alike.
        double[] s =
        [
            0.8, 0.8, 0.1,
            0.8, 0.8, 0.2,
            0.1, 0.2, 0.9,
        ];
        var recall = RetrievalRecall.Compute(s, 3, [0, 1, 2], [1, 2]);
        Assert.Equal(1.0 / 3, recall.ImageToText[0], 15);
        Assert.Equal(1.0, recall.ImageToTextOptimistic[0]);
        Assert.Equal(1.0 / 3, recall.TextToImage[0], 15);
        Assert.Equal(1.0, recall.TextToImageOptimistic[0]);
        Assert.Equal(1.0, recall.ImageToText[1]);
        Assert.Equal(1.0, recall.TextToImage[1]);

        // Ties between two captions of the same image do not count against it.
        double[] own = [0.5, 0.5, 0.1];
        Assert.Equal(1.0, RetrievalRecall.Compute(own, 1, [0, 0, 0], [1]).ImageToText[0]);
    }

    [Fact]
    public void Modality_gap_of_two_opposite_clusters()
    {
        double[] images = [2, 0, 3, 0];
        double[] texts = [0, 1];
        Assert.Equal(Math.Sqrt(2), ModalityGap.Compute(images, 2, texts, 1, 2), 14);
    }

    [Fact]
    public void Participation_ratio_matches_the_eigenvalues()
    {
        var random = new Random(9);
        foreach (var (n, d) in new[] { (50, 6), (5, 12) })
        {
            var x = new double[n * d];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = random.NextDouble() * (1 + (i % d));
            }

            var m = Matrix<double>.Build.Dense(n, d, (i, j) => x[(i * d) + j]);
            var mean = m.ColumnSums() / n;
            var centred = m - Matrix<double>.Build.Dense(n, d, (_, j) => mean[j]);
            var eigen = (centred.TransposeThisAndMultiply(centred) / (n - 1)).Evd().EigenValues.Select(c => c.Real).ToArray();
            double expected = Math.Pow(eigen.Sum(), 2) / eigen.Sum(l => l * l);
            Assert.Equal(expected, EffectiveDimensionality.ParticipationRatio(x, n, d), 10);
        }
    }

    [Fact]
    public void Bootstrap_is_seeded_and_brackets_its_mean()
    {
        int[][] categories = [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10]];
        double Metric(int[][] sample) => sample[0].Average() - sample[1].Average();
        var first = CategoryBootstrap.Run(categories, Metric, 500, seed: 42);
        var second = CategoryBootstrap.Run(categories, Metric, 500, seed: 42);
        var other = CategoryBootstrap.Run(categories, Metric, 500, seed: 43);
        Assert.Equal(first, second);
        Assert.NotEqual(first.Mean, other.Mean);
        Assert.Equal(3, first.SampleSize);
        Assert.InRange(first.Mean, first.Lower, first.Upper);

        // True value: mean 3.5 − mean 9 = −5.5.
        Assert.InRange(-5.5, first.Lower, first.Upper);
    }
}
