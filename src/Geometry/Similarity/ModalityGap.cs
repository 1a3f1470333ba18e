namespace ClipGeometry.Geometry.Similarity;

/// <summary>
/// The modality gap of Liang et al. (2022, "Mind the Gap"): the distance ‖μ_image − μ_text‖ between the centroids
/// of the L2-normalised image and text embeddings.
/// </summary>
public static class ModalityGap
{
    /// <summary>The gap vector μ_image − μ_text (length d).</summary>
    public static double[] Vector(ReadOnlySpan<double> images, int imageCount, ReadOnlySpan<double> texts, int textCount, int dimension)
    {
        var a = CosineSimilarity.Normalize(images, imageCount, dimension);
        var b = CosineSimilarity.Normalize(texts, textCount, dimension);
        var gap = new double[dimension];
        for (int i = 0; i < imageCount; i++)
        {
            for (int j = 0; j < dimension; j++)
            {
                gap[j] += a[(i * dimension) + j] / imageCount;
            }
        }

        for (int i = 0; i < textCount; i++)
        {
            for (int j = 0; j < dimension; j++)
            {
                gap[j] -= b[(i * dimension) + j] / textCount;
            }
        }

        return gap;
    }

    /// <summary>‖μ_image − μ_text‖.</summary>
    public static double Compute(ReadOnlySpan<double> images, int imageCount, ReadOnlySpan<double> texts, int textCount, int dimension) =>
        System.Numerics.Tensors.TensorPrimitives.Norm<double>(Vector(images, imageCount, texts, textCount, dimension));
}
