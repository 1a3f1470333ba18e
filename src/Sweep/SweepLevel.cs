using System.Globalization;
using ClipGeometry.Embedding.Perturbations;

namespace ClipGeometry.Sweep;

/// <summary>One perturbation level of a sweep: its results name (<c>sigma-1</c>, <c>noise-10</c>, <c>jpeg-50</c>) and the perturbation.</summary>
public sealed class SweepLevel
{
    private SweepLevel(string name, Perturbation perturbation)
    {
        Name = name;
        Perturbation = perturbation;
    }

    /// <summary>The level's name: the folder name and the value of the <c>level</c> columns.</summary>
    public string Name { get; }

    /// <summary>The perturbation applied to the decoded image.</summary>
    public Perturbation Perturbation { get; }

    /// <summary>The key that identifies the perturbation in the vector store (<c>none</c> for the identity).</summary>
    public string StoreKey => Perturbation.IsIdentity ? "none" : Perturbation.CacheKey;

    /// <summary>Parses <c>blur:0,1,2</c> (see <see cref="PerturbationParser"/>) into named levels.</summary>
    /// <exception cref="FormatException">The spec is malformed; the message quotes it.</exception>
    public static IReadOnlyList<SweepLevel> Parse(string perturbations, int seed)
    {
        var result = new List<SweepLevel>();
        foreach (var p in PerturbationParser.ParseLevels(perturbations, seed))
        {
            string prefix = p.Name switch
            {
                "blur" => "sigma",
                "noise" => "noise",
                "jpeg" => "jpeg",
                _ => p.Name,
            };
            result.Add(new SweepLevel(prefix + "-" + p.Level.ToString("R", CultureInfo.InvariantCulture), p));
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
