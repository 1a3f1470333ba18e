using System.Globalization;

namespace ClipGeometry.Embedding.Datasets;

/// <summary>
/// Reads Flickr8k's original <c>Flickr8k.token.txt</c>: one caption per line, <c>name.jpg#k&lt;TAB&gt;caption</c> with
/// k = 0…4, images in <c>Flicker8k_Dataset/</c> (the distribution's spelling) or <c>Flickr8k_Dataset/</c>.
/// </summary>
public static class FlickrTokenReader
{
    /// <summary>Reads <paramref name="tokenFile"/> with images in <paramref name="imagesFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The token file does not exist.</exception>
    public static Dataset Read(string tokenFile, string imagesFolder, bool checkFilesExist = true)
    {
        var builder = new DatasetBuilder(imagesFolder, checkFilesExist);
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(tokenFile))
        {
            lineNumber++;
            string line = lineNumber == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                builder.Issue(tokenFile, lineNumber, "expected 'name.jpg#k<TAB>caption' but found no tab");
                continue;
            }

            string key = line[..tab].Trim();
            string caption = line[(tab + 1)..].Trim();
            int hash = key.LastIndexOf('#');
            if (hash <= 0 || !int.TryParse(key.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                builder.Issue(tokenFile, lineNumber, $"expected 'name.jpg#k' before the tab, found '{key}'");
                continue;
            }

            if (caption.Length == 0)
            {
                builder.Issue(tokenFile, lineNumber, $"the caption of '{key}' is empty");
                continue;
            }

            builder.Add(key[..hash], caption, null, tokenFile, lineNumber);
        }

        return builder.Build(DatasetLayout.FlickrToken, imagesFolder);
    }
}
