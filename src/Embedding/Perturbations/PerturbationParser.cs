using System.Globalization;

namespace ClipGeometry.Embedding.Perturbations;

/// <summary>
/// Turns perturbation specs into instances: <c>blur:3</c> (σ in pixels), <c>noise:10</c> (standard deviation in
/// grey levels), <c>jpeg:50</c> (quality), <c>none</c> (the identity, a blur of σ = 0). A list of levels,
/// <c>blur:0,1,2,3</c>, gives one instance per level (<see cref="ParseLevels"/>).
/// </summary>
public static class PerturbationParser
{
    /// <summary>The accepted forms, for messages.</summary>
    public const string Forms = "blur:SIGMA, noise:STDDEV, jpeg:QUALITY or none";

    /// <summary>Parses one perturbation; <paramref name="seed"/> seeds random ones (noise).</summary>
    /// <exception cref="FormatException">The spec is malformed or a level is out of range; the message quotes it.</exception>
    public static Perturbation Parse(string spec, int seed = 0)
    {
        var all = ParseLevels(spec, seed);
        return all.Count == 1 ? all[0] : throw new FormatException($"'{spec}': give one level here, not {all.Count}.");
    }

    /// <summary>Parses <c>name:level[,level…]</c> into one perturbation per level, in the order given.</summary>
    /// <exception cref="FormatException">The spec is malformed or a level is out of range; the message quotes it.</exception>
    public static IReadOnlyList<Perturbation> ParseLevels(string spec, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string trimmed = spec.Trim();
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [new GaussianBlur(0)];
        }

        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            throw new FormatException($"'{spec}' is not a perturbation; expected {Forms}.");
        }

        string name = trimmed[..colon].Trim().ToLowerInvariant();
        var result = new List<Perturbation>();
        foreach (string part in trimmed[(colon + 1)..].Split(','))
        {
            string level = part.Trim();
            if (!double.TryParse(level, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new FormatException($"'{spec}': the level '{level}' is not a number.");
            }

            try
            {
                result.Add(name switch
                {
                    "blur" => new GaussianBlur(value),
                    "noise" => new GaussianNoise(value, seed),
                    "jpeg" => value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
                        ? new JpegQuality((int)value)
                        : throw new ArgumentOutOfRangeException(nameof(spec), value, "The JPEG quality must be an integer from 1 to 100."),
                    _ => throw new FormatException($"'{spec}': unknown perturbation '{name}'; expected {Forms}."),
                });
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new FormatException($"'{spec}': {e.Message.Split(" (Parameter")[0]}", e);
            }
        }

        return result;
    }
}
