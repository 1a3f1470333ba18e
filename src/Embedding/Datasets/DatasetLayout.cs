namespace ClipGeometry.Embedding.Datasets;

/// <summary>The on-disk layouts a dataset may come in.</summary>
public enum DatasetLayout
{
    /// <summary>Flickr8k as Kaggle ships it: <c>Images/</c> and <c>captions.txt</c> (CSV <c>image,caption</c> with a header).</summary>
    FlickrKaggle,

    /// <summary>Flickr8k's original layout: <c>Flickr8k.token.txt</c> (<c>name.jpg#k&lt;TAB&gt;caption</c>) and <c>Flicker8k_Dataset/</c>.</summary>
    FlickrToken,

    /// <summary>COCO captions: <c>annotations/captions_*.json</c> and the image folder(s).</summary>
    CocoCaptions,

    /// <summary>A CSV manifest with a header naming <c>path</c>, <c>caption</c> and optionally <c>category</c>.</summary>
    CsvManifest,

    /// <summary>A JSON-lines manifest: one object per line with <c>path</c>, <c>caption</c> (or <c>captions</c>) and optionally <c>category</c>.</summary>
    JsonlManifest,
}
