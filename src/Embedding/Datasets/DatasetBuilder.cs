namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Collects caption rows into dataset items: groups captions by image in first-seen order, resolves every path
/// inside the image root, and records rows and images that cannot be used as issues.
/// </summary>
internal sealed class DatasetBuilder(string imageRoot, bool checkFilesExist)
{
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly List<Entry> _entries = [];

    public string ImageRoot { get; } = Path.GetFullPath(imageRoot);

    public List<DatasetIssue> Issues { get; } = [];

    public void Issue(string file, int line, string reason) => Issues.Add(new DatasetIssue(file, line, reason));

    /// <summary>Adds one caption (may be null for an image listed without one) of the image at <paramref name="relativePath"/>.</summary>
    public void Add(string relativePath, string? caption, string? category, string file, int line)
    {
        if (!DatasetPaths.TryResolve(ImageRoot, relativePath, out string full, out string name, out string reason))
        {
            Issue(file, line, reason);
            return;
        }

        if (!_byName.TryGetValue(name, out var entry))
        {
            entry = new Entry(full, name, file, line);
            _byName.Add(name, entry);
            _entries.Add(entry);
        }

        string? text = caption?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            entry.Captions.Add(text);
        }

        string? label = category?.Trim();
        if (!string.IsNullOrEmpty(label))
        {
            if (entry.Category is null)
            {
                entry.Category = label;
            }
            else if (!string.Equals(entry.Category, label, StringComparison.Ordinal))
            {
                Issue(file, line, $"image '{name}' was given category '{entry.Category}' earlier and '{label}' here; keeping '{entry.Category}'");
            }
        }
    }

    public Dataset Build(DatasetLayout layout, string root)
    {
        var items = new List<DatasetItem>(_entries.Count);
        foreach (var entry in _entries)
        {
            if (checkFilesExist && !File.Exists(entry.FullPath))
            {
                Issue(entry.File, entry.Line, $"image '{entry.Name}' not found at {entry.FullPath}");
                continue;
            }

            items.Add(new DatasetItem(entry.FullPath, entry.Name, entry.Captions.ToArray(), entry.Category));
        }

        return new Dataset(Path.GetFullPath(root), layout, items, Issues.ToArray());
    }

    private sealed class Entry(string fullPath, string name, string file, int line)
    {
        public string FullPath { get; } = fullPath;

        public string Name { get; } = name;

        public string File { get; } = file;

        public int Line { get; } = line;

        public List<string> Captions { get; } = [];

        public string? Category { get; set; }
    }
}
