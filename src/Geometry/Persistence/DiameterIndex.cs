using System.Runtime.InteropServices;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A simplex of the Vietoris–Rips filtration: its diameter (the filtration value) and its index in the
/// combinatorial number system. Packed to 12 bytes; the value type is single precision, as in Ripser.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct DiameterIndex(float Diameter, long Index)
{
    /// <summary>The "no simplex" marker.</summary>
    public static DiameterIndex None => new(float.NaN, -1);

    /// <summary>True unless this is <see cref="None"/>.</summary>
    public bool Exists => Index >= 0;

    /// <summary>
    /// Filtration order: by diameter, ties broken by the larger index first (Ripser's reverse colexicographic refinement).
    /// Negative when <paramref name="a"/> comes first.
    /// </summary>
    public static int CompareFiltration(in DiameterIndex a, in DiameterIndex b)
    {
        if (a.Diameter != b.Diameter)
        {
            return a.Diameter < b.Diameter ? -1 : 1;
        }

        return b.Index.CompareTo(a.Index);
    }
}
