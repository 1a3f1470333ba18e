namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Loads a dataset from a folder (layout detected from the files in it) or from a captions file or manifest.
/// Problems with single rows or images become <see cref="Dataset.Issues"/>; only a dataset that cannot be read
/// at all throws.
/// </summary>
public static class DatasetLoader
{
    /// <summary>The layouts recognised in a folder, for messages.</summary>
    public const string RecognisedLayouts =
        "captions.txt + Images/ (Flickr8k, Kaggle), Flickr8k.token.txt + Flicker8k_Dataset/ (Flickr8k original), "
        + "annotations/captions_*.json (COCO), manifest.csv or manifest.jsonl (path, caption, category)";

    private static readonly string[] FlickrImageFolders = ["Flicker8k_Dataset", "Flickr8k_Dataset", "Images", "images"];

    /// <summary>Loads the dataset at <paramref name="path"/> (a folder or a captions/manifest file).</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">No layout was recognised, or a file cannot be read at all; the message names it.</exception>
    public static Dataset Load(string path, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new DatasetLoadOptions();
        if (File.Exists(path))
        {
            return LoadFile(Path.GetFullPath(path), options);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such dataset folder or file.", path);
        }

        string root = Path.GetFullPath(path);
        var layout = options.Layout ?? Detect(root)
            ?? throw new InvalidDataException($"{root}: no dataset layout recognised; expected one of: {RecognisedLayouts}.");
        return layout switch
        {
            DatasetLayout.FlickrKaggle => FlickrKaggleReader.Read(Required(Path.Combine(root, "captions.txt")),
                ImagesFolder(root, options, ["Images", "images"]), options.CheckFilesExist),
            DatasetLayout.FlickrToken => FlickrTokenReader.Read(Required(TokenFile(root) ?? Path.Combine(root, "Flickr8k.token.txt")),
                ImagesFolder(root, options, FlickrImageFolders), options.CheckFilesExist),
            DatasetLayout.CocoCaptions => LoadCoco(root, CocoFiles(root), options),
            DatasetLayout.CsvManifest => ManifestReader.ReadCsv(Required(Path.Combine(root, "manifest.csv")), options.CheckFilesExist),
            DatasetLayout.JsonlManifest => ManifestReader.ReadJsonl(Required(Path.Combine(root, "manifest.jsonl")), options.CheckFilesExist),
            _ => throw new ArgumentOutOfRangeException(nameof(options), layout, "Unknown layout."),
        };
    }

    /// <summary>The layout of the dataset folder <paramref name="root"/>, or null when none is recognised.</summary>
    public static DatasetLayout? Detect(string root)
    {
        if (File.Exists(Path.Combine(root, "captions.txt")))
        {
            return DatasetLayout.FlickrKaggle;
        }

        if (TokenFile(root) is not null)
        {
            return DatasetLayout.FlickrToken;
        }

        if (CocoFiles(root).Length > 0)
        {
            return DatasetLayout.CocoCaptions;
        }

        if (File.Exists(Path.Combine(root, "manifest.csv")))
        {
            return DatasetLayout.CsvManifest;
        }

        return File.Exists(Path.Combine(root, "manifest.jsonl")) ? DatasetLayout.JsonlManifest : null;
    }

    private static Dataset LoadFile(string file, DatasetLoadOptions options)
    {
        string folder = Path.GetDirectoryName(file)!;
        string name = Path.GetFileName(file);
        var layout = options.Layout ?? DetectFile(file);
        return layout switch
        {
            DatasetLayout.FlickrKaggle => FlickrKaggleReader.Read(file, ImagesFolder(folder, options, ["Images", "images"]), options.CheckFilesExist),
            DatasetLayout.FlickrToken => FlickrTokenReader.Read(file, ImagesFolder(TokenRoot(folder), options, FlickrImageFolders), options.CheckFilesExist),
            DatasetLayout.CocoCaptions => LoadCoco(CocoRoot(folder), [file], options),
            DatasetLayout.CsvManifest => ManifestReader.ReadCsv(file, options.CheckFilesExist),
            DatasetLayout.JsonlManifest => ManifestReader.ReadJsonl(file, options.CheckFilesExist),
            _ => throw new InvalidDataException($"{file}: cannot tell the dataset layout of '{name}'."),
        };
    }

    private static DatasetLayout DetectFile(string file)
    {
        string name = Path.GetFileName(file);
        string extension = Path.GetExtension(file).ToLowerInvariant();
        if (extension == ".jsonl")
        {
            return DatasetLayout.JsonlManifest;
        }

        if (extension == ".json")
        {
            return DatasetLayout.CocoCaptions;
        }

        if (name.EndsWith(".token.txt", StringComparison.OrdinalIgnoreCase))
        {
            return DatasetLayout.FlickrToken;
        }

        string firstLine = File.ReadLines(file).FirstOrDefault()?.TrimStart('\uFEFF').Trim().ToLowerInvariant() ?? string.Empty;
        if (firstLine.Replace(" ", string.Empty, StringComparison.Ordinal) == "image,caption")
        {
            return DatasetLayout.FlickrKaggle;
        }

        if (extension == ".csv")
        {
            return DatasetLayout.CsvManifest;
        }

        if (firstLine.Contains('\t', StringComparison.Ordinal) && firstLine.Contains('#', StringComparison.Ordinal))
        {
            return DatasetLayout.FlickrToken;
        }

        throw new InvalidDataException($"{file}: cannot tell the dataset layout from the file's name or first line; expected one of: {RecognisedLayouts}.");
    }

    private static string? TokenFile(string root)
    {
        foreach (string candidate in new[] { Path.Combine(root, "Flickr8k.token.txt"), Path.Combine(root, "Flickr8k_text", "Flickr8k.token.txt") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The dataset root of a token file: its folder, or the folder above <c>Flickr8k_text/</c>.</summary>
    private static string TokenRoot(string folder) =>
        string.Equals(Path.GetFileName(folder), "Flickr8k_text", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(folder)! : folder;

    private static string CocoRoot(string folder) =>
        string.Equals(Path.GetFileName(folder), "annotations", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(folder)! : folder;

    private static string[] CocoFiles(string root)
    {
        string annotations = Path.Combine(root, "annotations");
        if (!Directory.Exists(annotations))
        {
            return [];
        }

        var files = Directory.GetFiles(annotations, "captions_*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static Dataset LoadCoco(string root, string[] files, DatasetLoadOptions options)
    {
        var pairs = new List<(string, string)>();
        foreach (string file in files)
        {
            string split = Path.GetFileNameWithoutExtension(file);
            split = split.StartsWith("captions_", StringComparison.OrdinalIgnoreCase) ? split["captions_".Length..] : split;
            string folder = options.ImagesFolder is not null ? Path.GetFullPath(options.ImagesFolder)
                : FirstExisting([Path.Combine(root, split), Path.Combine(root, "images", split), Path.Combine(root, "images")])
                  ?? throw new InvalidDataException($"{file}: no image folder found for it; looked for {split}/, images/{split}/ and images/ under {root} (give the folder explicitly).");
            pairs.Add((file, folder));
        }

        return CocoCaptionsReader.Read(root, pairs, options.CheckFilesExist);
    }

    private static string ImagesFolder(string root, DatasetLoadOptions options, string[] candidates)
    {
        if (options.ImagesFolder is not null)
        {
            return Directory.Exists(options.ImagesFolder) ? Path.GetFullPath(options.ImagesFolder)
                : throw new FileNotFoundException($"{options.ImagesFolder}: the image folder does not exist.", options.ImagesFolder);
        }

        return FirstExisting(candidates.Select(c => Path.Combine(root, c)))
               ?? throw new InvalidDataException($"{root}: no image folder found; looked for {string.Join("/, ", candidates)}/ (give the folder explicitly).");
    }

    private static string? FirstExisting(IEnumerable<string> folders) => folders.FirstOrDefault(Directory.Exists);

    private static string Required(string file) =>
        File.Exists(file) ? file : throw new FileNotFoundException($"{file}: the dataset's captions file does not exist.", file);
}
