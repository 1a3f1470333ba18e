using System.Globalization;
using System.Text.Json;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Reads COCO caption annotations (<c>annotations/captions_*.json</c>): <c>images</c> maps <c>id</c> to
/// <c>file_name</c>, <c>annotations</c> gives <c>image_id</c> and <c>caption</c>. Image names are relative to the
/// dataset root (e.g. <c>val2017/000000000139.jpg</c>) so that several splits can be read together.
/// </summary>
public static class CocoCaptionsReader
{
    /// <summary>Reads the given (file, image folder) pairs into one dataset rooted at <paramref name="root"/>.</summary>
    /// <exception cref="InvalidDataException">A file is not valid JSON or lacks the <c>images</c>/<c>annotations</c> arrays.</exception>
    public static Dataset Read(string root, IReadOnlyList<(string CaptionsFile, string ImagesFolder)> files, bool checkFilesExist = true)
    {
        ArgumentNullException.ThrowIfNull(files);
        var builder = new DatasetBuilder(root, checkFilesExist);
        foreach (var (file, folder) in files)
        {
            ReadOne(builder, file, Path.GetRelativePath(builder.ImageRoot, Path.GetFullPath(folder)));
        }

        return builder.Build(DatasetLayout.CocoCaptions, root);
    }

    private static void ReadOne(DatasetBuilder builder, string file, string folder)
    {
        JsonDocument document;
        using (var stream = File.OpenRead(file))
        {
            try
            {
                document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{file}, line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(". ")[0]})."), e);
            }
        }

        using (document)
        {
            var top = document.RootElement;
            if (top.ValueKind != JsonValueKind.Object
                || !top.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array
                || !top.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{file}: not a COCO captions file (expected an object with 'images' and 'annotations' arrays).");
            }

            var names = new Dictionary<long, string>();
            int index = 0;
            foreach (var image in images.EnumerateArray())
            {
                if (image.ValueKind != JsonValueKind.Object
                    || !image.TryGetProperty("id", out var id) || !Integer(id, out long imageId)
                    || !image.TryGetProperty("file_name", out var fileName) || fileName.ValueKind != JsonValueKind.String)
                {
                    builder.Issue(file, 0, string.Create(CultureInfo.InvariantCulture, $"images[{index}] lacks an integer 'id' or a string 'file_name'"));
                }
                else if (!names.TryAdd(imageId, fileName.GetString()!))
                {
                    builder.Issue(file, 0, string.Create(CultureInfo.InvariantCulture, $"images[{index}] repeats id {imageId}"));
                }

                index++;
            }

            index = 0;
            string prefix = folder == "." ? string.Empty : folder.Replace('\\', '/') + "/";
            foreach (var annotation in annotations.EnumerateArray())
            {
                if (annotation.ValueKind != JsonValueKind.Object
                    || !annotation.TryGetProperty("image_id", out var id) || !Integer(id, out long imageId)
                    || !annotation.TryGetProperty("caption", out var caption) || caption.ValueKind != JsonValueKind.String)
                {
                    builder.Issue(file, 0, string.Create(CultureInfo.InvariantCulture, $"annotations[{index}] lacks an integer 'image_id' or a string 'caption'"));
                }
                else if (!names.TryGetValue(imageId, out string? name))
                {
                    builder.Issue(file, 0, string.Create(CultureInfo.InvariantCulture, $"annotations[{index}] refers to image_id {imageId}, which 'images' does not list"));
                }
                else if (caption.GetString()!.Trim().Length == 0)
                {
                    builder.Issue(file, 0, string.Create(CultureInfo.InvariantCulture, $"annotations[{index}] has an empty caption"));
                }
                else if (IsRooted(name))
                {
                    builder.Issue(file, 0, $"the image path '{name}' is absolute; paths must be relative to the dataset root");
                }
                else
                {
                    builder.Add(prefix + name, caption.GetString(), null, file, 0);
                }

                index++;
            }
        }
    }

    private static bool Integer(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static bool IsRooted(string name) => name.StartsWith('/') || name.StartsWith('\\') || Path.IsPathRooted(name)
                                                  || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':');
}
