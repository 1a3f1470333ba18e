using ClipGeometry.Embedding.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipGeometry.Embedding.Tests.Models;

/// <summary>
/// The embedder's pipeline protocol under random shapes: image counts, batch sizes and decoder counts (one batch,
/// one image, more decoders than images), with a trivial encoder (a Flatten graph, Golden/flatten-model), so every
/// row's embedding tells which image landed there. A watchdog fails the test instead of letting a deadlock hang it.
/// </summary>
public class ImageEmbedderStressTests
{
    private const int Runs = 2000;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ThousandsOfRandomRunsNeverHangAndPutEveryImageInItsRow()
    {
        using var temp = TestPaths.Temp();
        string[] images = new string[5];
        for (int k = 0; k < 4; k++)
        {
            images[k] = temp.File($"colour{k}.png");
            using var image = new Image<Rgb24>(3, 2, new Rgb24((byte)(40 * k), (byte)(255 - (50 * k)), (byte)(17 + (60 * k))));
            image[0, 0] = new Rgb24(200, (byte)(10 * k), 99);
            image.SaveAsPng(images[k]);
        }

        images[4] = temp.File("bad.png");
        File.WriteAllBytes(images[4], [0x89, 0x50, 0x4E, 0x47]);

        string model = TestPaths.Golden("flatten-model");
        var encoders = Enumerable.Range(1, 5)
            .Select(b => new ImageEncoder(model, new EncoderOptions { Provider = ExecutionProviderPreference.Cpu, BatchSize = b, IntraOpThreads = 1 }))
            .ToArray();
        try
        {
            int d = encoders[0].Dimension;
            var reference = new ImageEmbedder(encoders[0], parallelism: 1).Embed(images);
            Assert.Equal([true, true, true, true, false], reference.Succeeded);

            var random = new Random(20261202);
            for (int run = 0; run < Runs; run++)
            {
                int count = random.Next(4) switch { 0 => 1, 1 => random.Next(0, 4), _ => random.Next(0, 40) };
                var encoder = encoders[random.Next(encoders.Length)];
                int decoders = random.Next(3) == 0 ? count + 1 + random.Next(4) : 1 + random.Next(6);
                int[] which = Enumerable.Range(0, count).Select(_ => random.Next(images.Length)).ToArray();
                string[] paths = which.Select(i => images[i]).ToArray();
                string shape = $"run {run}: {count} images, batch {encoder.BatchSize}, {decoders} decoders";

                var embedder = new ImageEmbedder(encoder, parallelism: decoders);
                var task = Task.Factory.StartNew(() => embedder.Embed(paths), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var first = await Task.WhenAny(task, Task.Delay(Watchdog));
                Assert.True(ReferenceEquals(first, task), $"The embedder hung ({shape}).");
                var result = await task;

                Assert.Equal(which.Select(i => i != 4), result.Succeeded);
                for (int row = 0; row < count; row++)
                {
                    Assert.True(
                        reference.Embeddings.AsSpan(which[row] * d, d).SequenceEqual(result.Embeddings.AsSpan(row * d, d)),
                        $"Row {row} does not hold image {which[row]}'s embedding ({shape}).");
                }
            }
        }
        finally
        {
            foreach (var encoder in encoders)
            {
                encoder.Dispose();
            }
        }
    }
}
