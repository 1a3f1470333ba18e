using System.Globalization;

namespace ClipGeometry.Report;

/// <summary>A level name (<c>sigma-1</c>, <c>noise-0.1</c>, <c>jpeg-50</c>) split into its kind and strength.</summary>
/// <param name="Name">The level name as written in the results directory.</param>
/// <param name="Kind">sigma, noise, jpeg, or the name itself when it follows no known pattern.</param>
/// <param name="Value">The strength (σ, s or q), or NaN when the name holds none.</param>
public sealed record PerturbationLevel(string Name, string Kind, double Value)
{
    /// <summary>Splits <paramref name="name"/> at its last '-'.</summary>
    public static PerturbationLevel Parse(string name)
    {
        int dash = name.LastIndexOf('-');
        if (dash > 0 && double.TryParse(name.AsSpan(dash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            return new PerturbationLevel(name, name[..dash], v);
        }

        return new PerturbationLevel(name, name, double.NaN);
    }

    /// <summary>The axis label of the strength of levels of <paramref name="kind"/>, with its unit.</summary>
    public static string AxisLabel(string kind) => kind switch
    {
        "sigma" => "Gaussian blur σ (pixels)",
        "noise" => "Gaussian noise s (fraction of full scale)",
        "jpeg" => "JPEG quality q (1–100)",
        _ => "level (index)",
    };

    /// <summary>The level as readers say it: "σ = 1", "noise 0.1", "JPEG q = 50".</summary>
    public string Label => Kind switch
    {
        "sigma" => "σ = " + Value.ToString(CultureInfo.InvariantCulture),
        "noise" => "noise s = " + Value.ToString(CultureInfo.InvariantCulture),
        "jpeg" => "JPEG q = " + Value.ToString(CultureInfo.InvariantCulture),
        _ => Name,
    };
}
