using System.Security.Cryptography;
using System.Text;

namespace ClipGeometry.Sweep;

/// <summary>
/// The artifact store: a directory shared by every silo (a local folder, or a shared volume across machines) that
/// holds embeddings and diagrams, so that messages carry references and small values only. Every file is written
/// to a temporary name and renamed into place, so a reader never sees half a file; vectors are packed into large
/// content-addressed files (<see cref="Vectors"/>); a sweep's outputs live under <c>sweeps/{id}/</c>, named by
/// the unit that wrote them, so re-running a unit rewrites the same bytes.
/// </summary>
public sealed class ArtifactStore
{
    /// <summary>Opens (and creates) the store at <paramref name="root"/>.</summary>
    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        Vectors = new VectorStore(this);
    }

    /// <summary>The store's folder.</summary>
    public string Root { get; }

    /// <summary>The packed embedding vectors with their per-image index.</summary>
    public VectorStore Vectors { get; }

    /// <summary>The default store: <c>$XDG_CACHE_HOME/clipgeo/store</c> (or <c>~/.cache/clipgeo/store</c>).</summary>
    public static string DefaultRoot
    {
        get
        {
            string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            }

            return Path.Combine(cache, "clipgeo", "store");
        }
    }

    /// <summary>The full path of <paramref name="relative"/> ('/'-separated), which must stay inside the store.</summary>
    public string PathOf(string relative)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relative);
        string full = Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relative}' leads outside the artifact store {Root}.", nameof(relative));
        }

        return full;
    }

    /// <summary>Whether <paramref name="relative"/> exists.</summary>
    public bool Exists(string relative) => File.Exists(PathOf(relative));

    /// <summary>Writes <paramref name="relative"/> through <paramref name="write"/>: to a temporary file, then renamed into place.</summary>
    public void Write(string relative, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relative"/> atomically.</summary>
    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(relative, s => s.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="relative"/> atomically.</summary>
    public void WriteText(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    /// <summary>Reads <paramref name="relative"/> as UTF-8 text.</summary>
    public string ReadText(string relative) => File.ReadAllText(PathOf(relative), Encoding.UTF8);

    /// <summary>Stores <paramref name="bytes"/> under their SHA-256 (<c>blobs/ab/abcd…</c>) unless present; returns the relative path.</summary>
    public string PutBlob(ReadOnlySpan<byte> bytes, string extension = "")
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string relative = $"blobs/{hash[..2]}/{hash}{extension}";
        if (!Exists(relative))
        {
            WriteBytes(relative, bytes);
        }

        return relative;
    }

    /// <summary>The files under <paramref name="relativeFolder"/>, relative to it, '/'-separated, sorted ordinally.</summary>
    public IReadOnlyList<string> List(string relativeFolder)
    {
        string folder = PathOf(relativeFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(static f => !f.Contains(".tmp-", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
