using System.Text.Json;
using ClipGeometry.Geometry.Similarity;

namespace ClipGeometry.Geometry.Tests.Similarity;

/// <summary>Against Golden/metrics/similarity.json, computed with NumPy by make_golden.py.</summary>
public sealed class SimilarityGoldenTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Golden", "metrics", "similarity.json"))).RootElement;

    private static (double[] Values, int Rows, int Columns) Matrix(string name)
    {
        var rows = Golden.GetProperty(name);
        int r = rows.GetArrayLength();
        int c = rows[0].GetArrayLength();
        return ([.. rows.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetDouble()))], r, c);
    }

    private static double Number(string name) => Golden.GetProperty(name).GetDouble();

    [Fact]
    public void Matches_numpy()
    {
        var images = Matrix("images");
        var texts = Matrix("texts");
        int n = images.Rows;
        int m = texts.Rows;
        int d = images.Columns;
        int perImage = m / n;
        Assert.Equal(Number("modality_gap"), ModalityGap.Compute(images.Values, n, texts.Values, m, d), 12);
        Assert.Equal(Number("participation_ratio"), EffectiveDimensionality.ParticipationRatio(images.Values, n, d), 10);

        var imageOfText = Enumerable.Range(0, m).Select(t => t / perImage).ToArray();
        var recall = RetrievalRecall.Compute(CosineSimilarity.Matrix(images.Values, n, texts.Values, m, d), n, imageOfText);
        int[] ks = [1, 5, 10];
        for (int k = 0; k < ks.Length; k++)
        {
            Assert.Equal(Number($"recall{ks[k]}_image_to_text"), recall.ImageToText[k], 12);
            Assert.Equal(Number($"recall{ks[k]}_text_to_image"), recall.TextToImage[k], 12);
        }

        var labels = Golden.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var stats = CategorySimilarity.Compute(CosineSimilarity.Matrix(images.Values, n, images.Values, n, d), labels);
        Assert.Equal(Number("intra_mean"), stats.IntraMean, 12);
        Assert.Equal(Number("inter_mean"), stats.InterMean, 12);
    }
}
