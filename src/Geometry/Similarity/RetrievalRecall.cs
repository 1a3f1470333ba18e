namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// Image–caption retrieval recall@K from an image × text similarity matrix: for each image, whether one of its
/// captions ranks among the K most similar texts, and for each caption whether its image ranks among the K most
/// similar images. A rank is 1 + the number of candidates scoring strictly higher (ties count in the item's favour).
/// </summary>
public sealed record RetrievalRecall(IReadOnlyList<int> Ks, IReadOnlyList<double> ImageToText, IReadOnlyList<double> TextToImage)
{
    /// <summary>The usual cut-offs.</summary>
    public static readonly IReadOnlyList<int> StandardKs = [1, 5, 10];

    /// <summary>Computes recall at each K in <paramref name="ks"/> (default 1, 5, 10).</summary>
    /// <param name="similarity">Row-major images × texts.</param>
    /// <param name="images">Number of images.</param>
    /// <param name="imageOfText">For each text, the index of its image.</param>
    /// <param name="ks">The cut-offs.</param>
    public static RetrievalRecall Compute(ReadOnlySpan<double> similarity, int images, ReadOnlySpan<int> imageOfText, IReadOnlyList<int>? ks = null)
    {
        ks ??= StandardKs;
        int texts = imageOfText.Length;
        if (similarity.Length != (long)images * texts)
        {
            throw new ArgumentException($"{images} images and {texts} texts need {(long)images * texts} similarities, not {similarity.Length}.");
        }

        // Image → text: best rank among the image's captions.
        var bestRank = new int[images];
        Array.Fill(bestRank, int.MaxValue);
        for (int t = 0; t < texts; t++)
        {
            int owner = imageOfText[t];
            if ((uint)owner >= (uint)images)
            {
                throw new ArgumentException($"Text {t + 1} names image {owner + 1}, but there are {images}.");
            }

            var row = similarity.Slice(owner * texts, texts);
            double score = row[t];
            int rank = 1;
            foreach (double other in row)
            {
                rank += other > score ? 1 : 0;
            }

            bestRank[owner] = Math.Min(bestRank[owner], rank);
        }

        // Text → image: rank of the caption's image among all images.
        var textRank = new int[texts];
        for (int t = 0; t < texts; t++)
        {
            double score = similarity[(imageOfText[t] * texts) + t];
            int rank = 1;
            for (int i = 0; i < images; i++)
            {
                rank += similarity[(i * texts) + t] > score ? 1 : 0;
            }

            textRank[t] = rank;
        }

        var imageToText = new double[ks.Count];
        var textToImage = new double[ks.Count];
        int withCaptions = 0;
        foreach (int r in bestRank)
        {
            withCaptions += r == int.MaxValue ? 0 : 1;
        }

        for (int k = 0; k < ks.Count; k++)
        {
            int hits = 0;
            foreach (int r in bestRank)
            {
                hits += r <= ks[k] ? 1 : 0;
            }

            imageToText[k] = withCaptions == 0 ? double.NaN : (double)hits / withCaptions;
            hits = 0;
            foreach (int r in textRank)
            {
                hits += r <= ks[k] ? 1 : 0;
            }

            textToImage[k] = texts == 0 ? double.NaN : (double)hits / texts;
        }

        return new RetrievalRecall(ks, imageToText, textToImage);
    }
}
