namespace ClipGeometry.Sweep;

/// <summary>A model file and its SHA-256.</summary>
/// <param name="Path">The file.</param>
/// <param name="Sha256">Hex SHA-256 of its bytes.</param>
public sealed record ModelFileHash(string Path, string Sha256);
