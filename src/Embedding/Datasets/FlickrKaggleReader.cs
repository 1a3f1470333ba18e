namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Reads Flickr8k as Kaggle ships it: <c>captions.txt</c>, CSV with the header <c>image,caption</c> and five rows
/// per image, images in <c>Images/</c>. Captions may be quoted (with doubled quotes inside); an unquoted caption
/// containing commas keeps them (every field after the first is the caption).
/// </summary>
public static class FlickrKaggleReader
{
    /// <summary>Reads <paramref name="captionsFile"/> with images in <paramref name="imagesFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The captions file does not exist.</exception>
    public static Dataset Read(string captionsFile, string imagesFolder, bool checkFilesExist = true)
    {
        string text = File.ReadAllText(captionsFile);
        var builder = new DatasetBuilder(imagesFolder, checkFilesExist);
        var records = CsvRecordReader.Parse(text, captionsFile, builder.Issues);
        for (int r = 0; r < records.Count; r++)
        {
            var record = records[r];
            var f = record.Fields;
            if (r == 0 && f.Count >= 1 && string.Equals(f[0].Trim(), "image", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the header
            }

            if (f.Count < 2)
            {
                builder.Issue(captionsFile, record.Line, "expected 'image,caption' but found no comma");
                continue;
            }

            string image = f[0].Trim();
            string caption = f.Count == 2 ? f[1] : string.Join(',', f.Skip(1));
            if (image.Length == 0)
            {
                builder.Issue(captionsFile, record.Line, "the image name is empty");
                continue;
            }

            if (caption.Trim().Length == 0)
            {
                builder.Issue(captionsFile, record.Line, $"the caption of '{image}' is empty");
                continue;
            }

            builder.Add(image, caption, null, captionsFile, record.Line);
        }

        return builder.Build(DatasetLayout.FlickrKaggle, imagesFolder);
    }
}
