using ClipGeometry.Geometry.Similarity;

namespace ClipGeometry.Geometry.Tests.Similarity;

public sealed class SimilarityBootstrapTests
{
    private const int N = 12;
    private const int D = 5;
    private const int C = 2;
    private static readonly int[] Labels = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2];
    private static readonly string[] Names = ["a", "b", "c"];

    private static double[] Rows(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        return [.. Enumerable.Range(0, count * D).Select(_ => (random.NextDouble() * 2) - 1 + 0.3)];
    }

    private static double Named(SimilarityAnalysis analysis, string prefix) =>
        analysis.Statistics.First(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Value;

    [Fact]
    public void Weights_of_one_give_back_every_point_estimate()
    {
        double[] images = Rows(N, 1), texts = Rows(N * C, 2);
        var analysis = SimilarityAnalysis.Compute(images, N, D, texts, N * C, Labels, Names, 0, 0);
        var bootstrap = new SimilarityBootstrap(analysis, images, texts, Labels);
        var ones = Enumerable.Repeat(1, N).ToArray();
        Assert.Equal(Named(analysis, "image-image mean cosine"), bootstrap.ImageImageMean(ones), 12);
        Assert.Equal(Named(analysis, "image effective dimensionality"), bootstrap.EffectiveDimension(ones), 10);
        Assert.Equal(Named(analysis, "text-text mean cosine"), bootstrap.TextTextMean(ones), 12);
        Assert.Equal(Named(analysis, "image-text mean cosine"), bootstrap.ImageTextMean(ones), 12);
        Assert.Equal(Named(analysis, "modality gap"), bootstrap.ModalityGap(ones), 12);
        var stats = analysis.ImageCategories!;
        Assert.Equal(stats.IntraMean, bootstrap.IntraMean(ones), 12);
        Assert.Equal(stats.InterMean, bootstrap.InterMean(ones), 12);
        for (int c = 0; c < Names.Length; c++)
        {
            Assert.Equal(stats.IntraMeans[c], bootstrap.IntraMean(ones, c), 12);
        }

        for (int k = 0; k < analysis.Recall!.Ks.Count; k++)
        {
            Assert.Equal(analysis.Recall.ImageToText[k], bootstrap.RecallImageToText(ones, analysis.Recall.Ks[k]));
            Assert.Equal(analysis.Recall.TextToImage[k], bootstrap.RecallTextToImage(ones, analysis.Recall.Ks[k]));
        }
    }

    [Fact]
    public void A_replicate_equals_the_statistics_of_the_resampled_images_and_their_captions_written_out()
    {
        double[] images = Rows(N, 3), texts = Rows(N * C, 4);
        var analysis = SimilarityAnalysis.Compute(images, N, D, texts, N * C, Labels, Names, 0, 0);
        var bootstrap = new SimilarityBootstrap(analysis, images, texts, Labels);
        var random = new SplitMix64(99);
        var weights = bootstrap.Draw(ref random);

        // Stratified: every category keeps its size.
        for (int c = 0; c < Names.Length; c++)
        {
            Assert.Equal(Labels.Count(l => l == c), Enumerable.Range(0, N).Where(i => Labels[i] == c).Sum(i => weights[i]));
        }

        Assert.Contains(weights, static w => w > 1);

        // The resample written out: image i (and its captions) repeated weights[i] times.
        var drawn = Enumerable.Range(0, N).SelectMany(i => Enumerable.Repeat(i, weights[i])).ToArray();
        var rows = drawn.SelectMany(i => images.AsSpan(i * D, D).ToArray()).ToArray();
        var captions = drawn.SelectMany(i => texts.AsSpan(i * C * D, C * D).ToArray()).ToArray();
        var resampled = SimilarityAnalysis.Compute(rows, drawn.Length, D, captions, drawn.Length * C, null, null, 0, 0);
        Assert.Equal(Named(resampled, "image effective dimensionality"), bootstrap.EffectiveDimension(weights), 10);
        Assert.Equal(Named(resampled, "modality gap"), bootstrap.ModalityGap(weights), 12);
        Assert.Equal(Named(resampled, "image-text mean cosine"), bootstrap.ImageTextMean(weights), 12);

        // Pairs of draws of distinct images.
        double sum = 0;
        int count = 0;
        var s = resampled.ImageImage;
        for (int x = 0; x < drawn.Length; x++)
        {
            for (int y = x + 1; y < drawn.Length; y++)
            {
                if (drawn[x] != drawn[y])
                {
                    sum += s[(x * drawn.Length) + y];
                    count++;
                }
            }
        }

        Assert.Equal(sum / count, bootstrap.ImageImageMean(weights), 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_replicates_and_another_seed_others()
    {
        double[] images = Rows(N, 5);
        var analysis = SimilarityAnalysis.Compute(images, N, D, [], 0, Labels, Names, 0, 0);
        var bootstrap = new SimilarityBootstrap(analysis, images, [], Labels);
        var first = bootstrap.Replicates(bootstrap.IntraMinusInter, 20, 7);
        Assert.Equal(first, bootstrap.Replicates(bootstrap.IntraMinusInter, 20, 7));
        Assert.NotEqual(first, bootstrap.Replicates(bootstrap.IntraMinusInter, 20, 8));
        Assert.True(first.Distinct().Count() > 10);
    }
}
