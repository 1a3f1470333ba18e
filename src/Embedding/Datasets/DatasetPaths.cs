namespace ClipGeometry.Embedding.Datasets;

/// <summary>Resolves image paths from captions files inside a dataset's image root, refusing anything that could point outside it.</summary>
public static class DatasetPaths
{
    /// <summary>
    /// Resolves <paramref name="relative"/> against <paramref name="root"/>. Absolute paths (<c>/x</c>, <c>C:\x</c>,
    /// <c>\\server\x</c>) and paths whose <c>..</c> segments lead outside the root are refused.
    /// </summary>
    /// <returns>True with the full path and the '/'-separated name, or false with the reason.</returns>
    public static bool TryResolve(string root, string relative, out string fullPath, out string name, out string reason)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relative);
        fullPath = name = reason = string.Empty;
        string trimmed = relative.Trim();
        if (trimmed.Length == 0)
        {
            reason = "the image path is empty";
            return false;
        }

        if (trimmed.Contains('\0', StringComparison.Ordinal))
        {
            reason = "the image path contains a NUL character";
            return false;
        }

        string slashed = trimmed.Replace('\\', '/');
        if (slashed.StartsWith('/') || Path.IsPathRooted(trimmed) || (slashed.Length >= 2 && char.IsAsciiLetter(slashed[0]) && slashed[1] == ':'))
        {
            reason = $"the image path '{relative}' is absolute; paths must be relative to the dataset root";
            return false;
        }

        var parts = new List<string>();
        foreach (string segment in slashed.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    reason = $"the image path '{relative}' leads outside the dataset root ('..')";
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        if (parts.Count == 0)
        {
            reason = $"the image path '{relative}' names the dataset root itself, not a file";
            return false;
        }

        string fullRoot = Path.GetFullPath(root);
        string full = Path.GetFullPath(Path.Combine([fullRoot, .. parts]));
        string rootWithSeparator = Path.EndsInDirectorySeparator(fullRoot) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            reason = $"the image path '{relative}' leads outside the dataset root";
            return false;
        }

        fullPath = full;
        name = string.Join('/', parts);
        return true;
    }
}
