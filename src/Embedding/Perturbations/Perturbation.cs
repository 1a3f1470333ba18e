using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// A deterministic change applied to a decoded RGB image before model preprocessing (blur, noise, JPEG
/// re-encoding). A new perturbation is one subclass. Instances are immutable and safe to share between threads.
/// </summary>
public abstract class Perturbation
{
    /// <summary>The family name used on the command line and in results, e.g. <c>blur</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The strength parameter (σ for blur, standard deviation for noise, quality for JPEG).</summary>
    public abstract double Level { get; }

    /// <summary>True when the perturbation leaves every image unchanged (σ = 0, say).</summary>
    public virtual bool IsIdentity => false;

    /// <summary>A stable, culture-invariant key for caches and results, e.g. <c>blur(sigma=3)</c>.</summary>
    public abstract string CacheKey { get; }

    /// <summary>
    /// Applies the perturbation in place. <paramref name="imageSeed"/> identifies the image (a content
    /// hash, say), so that random perturbations are reproducible per image whatever the order of work.
    /// </summary>
    public abstract void Apply(Image<Rgb24> image, ulong imageSeed);

    /// <inheritdoc />
    public override string ToString() => CacheKey;
}
