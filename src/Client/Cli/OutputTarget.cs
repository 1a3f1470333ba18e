namespace ClipGeometry.Client.Cli;

/// <summary>
/// Checks a file or folder a command will write before any work: its folder exists, it is not a directory (or, for a
/// folder, not a file), it can be written, and it is none of the command's inputs (compared after resolving
/// symbolic links, so <c>blur --out X X</c> cannot overwrite its own input). Each refusal is one sentence naming
/// the option and the path.
/// </summary>
internal static class OutputTarget
{
    /// <summary>Checks the output file <paramref name="path"/> given by <paramref name="option"/>; returns its full path.</summary>
    /// <exception cref="UsageException">The path is a directory, its folder is missing, or it is one of <paramref name="inputs"/>.</exception>
    /// <exception cref="IOException">The file cannot be written (permissions, a read-only file system).</exception>
    public static string File(string option, string path, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a directory; give a file name.");
        }

        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException(System.IO.File.Exists(folder)
                ? $"{option} {path}: {folder} is a file, not a folder."
                : $"{option} {path}: the folder {folder} does not exist.");
        }

        RefuseInputs(option, path, full, inputs);
        CheckWritable(option, path, full);
        return full;
    }

    /// <summary>Checks the output folder <paramref name="path"/> (created when missing; its parent must exist); returns its full path.</summary>
    /// <exception cref="UsageException">The path is a file, or its parent folder is missing.</exception>
    /// <param name="option">The option that named the folder.</param>
    /// <param name="path">The folder.</param>
    /// <param name="written">The names of the files the command writes in it.</param>
    /// <param name="inputs">The command's input files and folders.</param>
    public static string Folder(string option, string path, IEnumerable<string> written, IReadOnlyCollection<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(inputs);
        string full = Path.GetFullPath(path);
        if (System.IO.File.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a file; give a folder (it is created when missing).");
        }

        string? parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        if (!Directory.Exists(full) && parent is not null && !Directory.Exists(parent))
        {
            throw new UsageException($"{option} {path}: the folder {parent} does not exist.");
        }

        foreach (string name in written)
        {
            RefuseInputs(option, path, Path.Combine(full, name), inputs);
        }

        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".clipgeo-write-check-{Environment.ProcessId}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"{option} {path}: cannot write there ({Reason(e)}).", e);
        }

        return full;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same file once symbolic links are resolved.</summary>
    public static bool SameFile(string a, string b) =>
        string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);

    /// <summary>The full path of <paramref name="path"/> with every symbolic link along it resolved.</summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        for (int hops = 0; hops < 40; hops++)
        {
            string? linked = ResolveFirstLink(full);
            if (linked is null)
            {
                return full;
            }

            full = linked;
        }

        return full;
    }

    private static void RefuseInputs(string option, string path, string full, IEnumerable<string> inputs)
    {
        string target = Resolve(full);
        foreach (string input in inputs)
        {
            if (string.Equals(Resolve(input), target, StringComparison.Ordinal))
            {
                throw new UsageException($"{option} {path}: is also an input ({input}); writing it would destroy the input, so give another file name.");
            }
        }
    }

    private static void CheckWritable(string option, string path, string full)
    {
        try
        {
            if (System.IO.File.Exists(full))
            {
                using (new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                }
            }
            else
            {
                using (new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"{option} {path}: cannot write there ({Reason(e)}).", e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException => "its folder does not exist",
        IOException io when (io.HResult & 0xFFFF) == 30 => "a read-only file system",
        IOException io when (io.HResult & 0xFFFF) == 28 => "no space left on the device",
        _ => "the system refused to create it",
    };

    /// <summary>The path with its first symbolic-link component replaced by the link's target, or null when none is a link.</summary>
    private static string? ResolveFirstLink(string full)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string[] parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                string resolved = Path.GetFullPath(target, current);
                return Path.Combine([resolved, .. parts[(i + 1)..]]);
            }

            if (!info.Exists)
            {
                return null;
            }

            current = next;
        }

        return null;
    }
}
