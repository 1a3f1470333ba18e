namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// Image–caption retrieval recall@K from an image × text similarity matrix: for each image, whether one of its
/// captions ranks among the K most similar texts, and for each caption whether its image ranks among the K most
/// similar images. Ties are counted against the item (<see cref="ImageToText"/>, <see cref="TextToImage"/>): the
/// rank is 1 + the number of wrong candidates scoring at least as high, so duplicate captions (frequent in Flickr8k
/// and COCO) cannot inflate recall. The optimistic values, with only strictly higher scores counted, are kept too.
/// </summary>
/// <param name="Ks">The cut-offs.</param>
/// <param name="ImageToText">Recall@K of images retrieving one of their captions, ties counted pessimistically.</param>
/// <param name="TextToImage">Recall@K of captions retrieving their image, ties counted pessimistically.</param>
public sealed record RetrievalRecall(IReadOnlyList<int> Ks, IReadOnlyList<double> ImageToText, IReadOnlyList<double> TextToImage)
{
    /// <summary>The usual cut-offs.</summary>
    public static readonly IReadOnlyList<int> StandardKs = [1, 5, 10];

    /// <summary>Image → text recall@K with ties counted in the image's favour (only strictly higher wrong texts rank above).</summary>
    public IReadOnlyList<double> ImageToTextOptimistic { get; init; } = [];

    /// <summary>Text → image recall@K with ties counted in the caption's favour.</summary>
    public IReadOnlyList<double> TextToImageOptimistic { get; init; } = [];

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

        // Image → text: the best score among the image's captions, against the other images' captions.
        var best = new double[images];
        Array.Fill(best, double.NegativeInfinity);
        var hasCaption = new bool[images];
        for (int t = 0; t < texts; t++)
        {
            int owner = imageOfText[t];
            if ((uint)owner >= (uint)images)
            {
                throw new ArgumentException($"Text {t + 1} names image {owner + 1}, but there are {images}.");
            }

            hasCaption[owner] = true;
            best[owner] = Math.Max(best[owner], similarity[(owner * texts) + t]);
        }

        var imageHigher = new int[images];
        var imageTied = new int[images];
        for (int i = 0; i < images; i++)
        {
            var row = similarity.Slice(i * texts, texts);
            double score = best[i];
            for (int t = 0; t < texts; t++)
            {
                if (imageOfText[t] != i)
                {
                    imageHigher[i] += row[t] > score ? 1 : 0;
                    imageTied[i] += row[t] == score ? 1 : 0;
                }
            }
        }

        // Text → image: the caption's image against all other images.
        var textHigher = new int[texts];
        var textTied = new int[texts];
        for (int t = 0; t < texts; t++)
        {
            int owner = imageOfText[t];
            double score = similarity[(owner * texts) + t];
            for (int i = 0; i < images; i++)
            {
                if (i != owner)
                {
                    double other = similarity[(i * texts) + t];
                    textHigher[t] += other > score ? 1 : 0;
                    textTied[t] += other == score ? 1 : 0;
                }
            }
        }

        int withCaptions = hasCaption.Count(static h => h);
        var imageToText = new double[ks.Count];
        var textToImage = new double[ks.Count];
        var imageToTextOptimistic = new double[ks.Count];
        var textToImageOptimistic = new double[ks.Count];
        for (int k = 0; k < ks.Count; k++)
        {
            int cut = ks[k];
            int pessimistic = 0, optimistic = 0;
            for (int i = 0; i < images; i++)
            {
                if (hasCaption[i])
                {
                    pessimistic += 1 + imageHigher[i] + imageTied[i] <= cut ? 1 : 0;
                    optimistic += 1 + imageHigher[i] <= cut ? 1 : 0;
                }
            }

            imageToText[k] = withCaptions == 0 ? double.NaN : (double)pessimistic / withCaptions;
            imageToTextOptimistic[k] = withCaptions == 0 ? double.NaN : (double)optimistic / withCaptions;
            pessimistic = optimistic = 0;
            for (int t = 0; t < texts; t++)
            {
                pessimistic += 1 + textHigher[t] + textTied[t] <= cut ? 1 : 0;
                optimistic += 1 + textHigher[t] <= cut ? 1 : 0;
            }

            textToImage[k] = texts == 0 ? double.NaN : (double)pessimistic / texts;
            textToImageOptimistic[k] = texts == 0 ? double.NaN : (double)optimistic / texts;
        }

        return new RetrievalRecall(ks, imageToText, textToImage)
        {
            ImageToTextOptimistic = imageToTextOptimistic,
            TextToImageOptimistic = textToImageOptimistic,
        };
    }
}
