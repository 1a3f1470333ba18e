namespace ClipGeometry.Embedding.IO;

/// <summary>The check every reader makes before opening an input file: it exists and is a file, not a folder.</summary>
public static class InputFile
{
    /// <summary>Throws unless <paramref name="path"/> is an existing file.</summary>
    /// <exception cref="InputException">No such file, or a folder where a file is expected.</exception>
    public static void Require(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return;
        }

        throw new InputException(path, 0, Directory.Exists(path) ? "is a folder; a file is expected here." : "no such file.");
    }
}
