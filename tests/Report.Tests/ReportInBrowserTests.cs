using System.Text.Json;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace ClipGeometry.Report.Tests;

/// <summary>The sample's report rendered in headless Chromium: figures drawn, hover, legend, no console errors.</summary>
public sealed class ReportInBrowserTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private sealed record MapPoint(string Category, int Row, int Caption, double X, double Y);

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string html)
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var errors = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                errors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e.Message);
        page.RequestFailed += (_, e) => errors.Add("request failed: " + e.Request.Url);
        await page.GoToAsync(new Uri(html).AbsoluteUri, WaitUntilNavigation.Load);
        await page.WaitForFunctionAsync("() => window.clipgeoReport && window.clipgeoReport.ready");
        return (page, errors);
    }

    private static async Task<List<MapPoint>> PointsAsync(IPage page)
    {
        var json = await page.EvaluateFunctionAsync<JsonElement>("() => window.clipgeoReport.points()");
        return [.. json.EnumerateArray().Select(static p => new MapPoint(p.GetProperty("category").GetString()!, p.GetProperty("row").GetInt32(),
            p.GetProperty("caption").GetInt32(), p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble()))];
    }

    [Fact]
    public async Task The_sample_report_draws_every_figure_answers_hover_and_legend_without_console_errors()
    {
        string dir = SampleResults.Copy();
        try
        {
            var outcome = ReportGenerator.Generate(dir, null, null);
            Assert.Empty(outcome.Problems);
            var (page, errors) = await OpenAsync(outcome.Path);

            // Every figure is present and non-empty: SVG figures have marks with a size, the map's canvas has drawn pixels.
            var figures = await page.EvaluateFunctionAsync<JsonElement>(@"() => Array.from(document.querySelectorAll('figure[data-figure]')).map(f => {
                const canvas = f.querySelector('canvas');
                let painted = 0;
                if (canvas) {
                  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
                }
                const marks = Array.from(f.querySelectorAll('svg circle, svg path, svg rect:not(.plot), svg image'))
                  .filter(m => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length;
                return { id: f.dataset.figure, painted, marks, caption: (f.querySelector('figcaption') || {}).textContent || '' };
            })");
            var list = figures.EnumerateArray().ToList();
            string[] levels = ["sigma-0", "sigma-2", "sigma-4"];
            string[] categories = ["global", "animal", "human", "nature", "sport", "vehicle"];
            var expected = new List<string>
            {
                "fig-projection", "fig-similarity-sigma-0", "fig-similarity-sigma-4", "fig-image-text-sigma-0", "fig-image-text-sigma-4",
                "fig-similarity-distributions", "fig-modality-gap", "fig-similarity-levels", "fig-timings",
            };
            expected.AddRange(levels.SelectMany(l => categories.Select(c => $"fig-diagram-{l}-{c}")));
            expected.AddRange(new[] { 0, 1 }.SelectMany(d => categories.Select(c => $"fig-betti-{d}-{c}")));
            expected.AddRange(levels.Select(static l => $"fig-angles-{l}"));
            expected.AddRange(["fig-wasserstein-wasserstein-0", "fig-wasserstein-wasserstein-1", "fig-wasserstein-bottleneck-0", "fig-wasserstein-wasserstein-1d-0"]);
            var ids = list.Select(static f => f.GetProperty("id").GetString()!).ToHashSet();
            var missing = expected.Except(ids).ToList();
            Assert.True(missing.Count == 0, "figures missing: " + string.Join(", ", missing));
            foreach (var f in list)
            {
                string id = f.GetProperty("id").GetString()!;
                Assert.True(f.GetProperty("marks").GetInt32() > 2 || f.GetProperty("painted").GetInt32() > 500, $"figure {id} is empty");
                Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("caption").GetString()), $"figure {id} has no caption");
            }

            // Hover: the mouse on an image point whose nearest other image is over 2.5 px away (so it is the nearest even if
            // the mouse position is rounded to whole pixels; images win over captions) shows that image's caption and thumbnail.
            var points = await PointsAsync(page);
            Assert.Equal(50, points.Count(static p => p.Caption < 0));
            Assert.Equal(250, points.Count(static p => p.Caption >= 0));
            var target = points.Where(static p => p.Caption < 0)
                .First(p => points.All(q => q == p || q.Caption >= 0 || Math.Pow(q.X - p.X, 2) + Math.Pow(q.Y - p.Y, 2) > 6.25));
            await page.Mouse.MoveAsync((decimal)target.X, (decimal)target.Y);
            var tip = await page.EvaluateFunctionAsync<JsonElement>(@"() => { const t = document.getElementById('tooltip');
                return { hidden: t.hidden, category: t.dataset.category, row: t.dataset.row, text: t.querySelector('.tt-text').textContent, src: t.querySelector('img').getAttribute('src') || '' }; }");
            Assert.False(tip.GetProperty("hidden").GetBoolean());
            Assert.Equal(target.Category, tip.GetProperty("category").GetString());
            Assert.Equal(target.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), tip.GetProperty("row").GetString());
            string firstCaption = File.ReadAllLines(Path.Combine(dir, "captions", target.Category + ".txt"))[target.Row].Split('\t')[0];
            Assert.Contains(firstCaption, tip.GetProperty("text").GetString(), StringComparison.Ordinal);
            byte[] thumbnail = File.ReadAllBytes(Path.Combine(dir, "thumbnails", target.Category, target.Row + ".jpg"));
            Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(thumbnail), tip.GetProperty("src").GetString());
            string shot = Path.Combine(SampleResults.TestResults(), "report-sample-hover.png");
            await page.ScreenshotAsync(shot, new ScreenshotOptions { FullPage = false });
            output.WriteLine($"screenshot (hover): {shot}");
            Console.WriteLine($"screenshot (hover): {shot}");

            // Legend: clicking a category hides its images and captions, and only those.
            string hide = target.Category;
            var before = points.GroupBy(static p => (p.Category, p.Caption < 0)).ToDictionary(static g => g.Key, static g => g.Count());
            await page.ClickAsync($"#map-legend button.key[data-category=\"{Array.IndexOf(categories, hide) - 1}\"]");
            var after = (await PointsAsync(page)).GroupBy(static p => (p.Category, p.Caption < 0)).ToDictionary(static g => g.Key, static g => g.Count());
            foreach (var (key, count) in before)
            {
                Assert.Equal(key.Category == hide ? 0 : count, after.GetValueOrDefault(key));
            }

            await page.Mouse.MoveAsync((decimal)target.X + 1, (decimal)target.Y);
            string? answered = await page.EvaluateFunctionAsync<string?>("() => { const t = document.getElementById('tooltip'); return t.hidden ? null : t.dataset.category; }");
            Assert.NotEqual(hide, answered);
            await page.ClickAsync($"#map-legend button.key[data-category=\"{Array.IndexOf(categories, hide) - 1}\"]");

            // Another level: its 50 images placed into the reference map (captions belong to the reference fit only).
            await page.ClickAsync("button.level[data-level=\"2\"]");
            Assert.Equal("sigma-4", await page.EvaluateFunctionAsync<string>("() => window.clipgeoReport.level()"));
            var moved = await PointsAsync(page);
            Assert.Equal(50, moved.Count(static p => p.Caption < 0));
            Assert.Equal(0, moved.Count(static p => p.Caption >= 0));
            string drift = Path.Combine(SampleResults.TestResults(), "report-sample-sigma-4.png");
            await page.ScreenshotAsync(drift);
            output.WriteLine($"screenshot (sigma-4 in the sigma-0 map): {drift}");
            await page.ClickAsync("button.level[data-level=\"0\"]");

            string full = Path.Combine(SampleResults.TestResults(), "report-sample.png");
            await page.ScreenshotAsync(full, new ScreenshotOptions { FullPage = true });
            output.WriteLine($"screenshot: {full}");
            Console.WriteLine($"screenshot: {full}");
            Assert.Empty(errors);
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Both_maps_are_drawn_and_the_t_sne_map_answers_hover_on_its_own()
    {
        string dir = SampleResults.Copy();
        try
        {
            // projections/ holds UMAP's files (read); t-SNE's are computed and written to projections/tsne/.
            var outcome = ReportGenerator.GenerateWithMaps(dir, null, ProjectionMethods.Parse("both")!);
            Assert.Empty(outcome.Problems);
            Assert.Equal(["projections/tsne/sigma-0.csv", "projections/tsne/sigma-2.csv", "projections/tsne/sigma-4.csv"], outcome.ProjectionsWritten);
            foreach (string level in new[] { "sigma-0", "sigma-2", "sigma-4" })
            {
                string[] lines = File.ReadAllLines(Path.Combine(dir, "projections", "tsne", level + ".csv"));
                Assert.Equal("category,row,kind,x,y", lines[0]);
                Assert.Equal(level == "sigma-0" ? 300 : 50, lines.Length - 1);
            }

            var (page, errors) = await OpenAsync(outcome.Path);
            var maps = await page.EvaluateFunctionAsync<JsonElement>(@"() => ['map', 'map-tsne'].map(id => {
                const canvas = document.getElementById(id), d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
                const caption = canvas.closest('figure').querySelector('figcaption').textContent;
                return { painted, caption, points: window.clipgeoReport.maps[id === 'map' ? 'umap' : 'tsne'].points().length };
            })");
            var umap = maps[0];
            var tsne = maps[1];
            Assert.True(umap.GetProperty("painted").GetInt32() > 500, "the UMAP map is empty");
            Assert.True(tsne.GetProperty("painted").GetInt32() > 500, "the t-SNE map is empty");
            Assert.Equal(300, tsne.GetProperty("points").GetInt32());
            Assert.Contains("t-SNE has no transform", tsne.GetProperty("caption").GetString(), StringComparison.Ordinal);
            Assert.Contains("UMAP", umap.GetProperty("caption").GetString(), StringComparison.Ordinal);

            // Hover on a t-SNE image point: the t-SNE map's tooltip answers, the UMAP map's stays hidden.
            await page.EvaluateFunctionAsync("() => document.getElementById('map-tsne').scrollIntoView()");
            var json = await page.EvaluateFunctionAsync<JsonElement>("() => window.clipgeoReport.maps.tsne.points()");
            var points = json.EnumerateArray().Select(static p => new MapPoint(p.GetProperty("category").GetString()!, p.GetProperty("row").GetInt32(),
                p.GetProperty("caption").GetInt32(), p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble())).ToList();
            var target = points.Where(static p => p.Caption < 0)
                .First(p => points.All(q => q == p || q.Caption >= 0 || Math.Pow(q.X - p.X, 2) + Math.Pow(q.Y - p.Y, 2) > 6.25));
            await page.Mouse.MoveAsync((decimal)target.X, (decimal)target.Y);
            var tip = await page.EvaluateFunctionAsync<JsonElement>(@"() => { const t = document.getElementById('tooltip-tsne');
                return { hidden: t.hidden, category: t.dataset.category, row: t.dataset.row, umapHidden: document.getElementById('tooltip').hidden }; }");
            Assert.False(tip.GetProperty("hidden").GetBoolean());
            Assert.True(tip.GetProperty("umapHidden").GetBoolean());
            Assert.Equal(target.Category, tip.GetProperty("category").GetString());
            Assert.Equal(target.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), tip.GetProperty("row").GetString());
            string shot = Path.Combine(SampleResults.TestResults(), "report-sample-tsne.png");
            await page.ScreenshotAsync(shot);
            output.WriteLine($"screenshot (t-SNE map): {shot}");
            Assert.Empty(errors);
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_dark_theme_follows_the_readers_setting_and_a_large_map_is_sampled()
    {
        string dir = SampleResults.Copy();
        try
        {
            // 20 of the 50 images interactive, the rest drawn as density (as at COCO scale).
            var outcome = ReportGenerator.Generate(dir, null, null, new ReportOptions { MaxInteractivePoints = 20 });
            Assert.Contains("20 of 50 images are drawn as points", File.ReadAllText(outcome.Path), StringComparison.Ordinal);
            var page = await chromium.Browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
            await page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "dark" }]);
            await page.GoToAsync(new Uri(outcome.Path).AbsoluteUri, WaitUntilNavigation.Load);
            await page.WaitForFunctionAsync("() => window.clipgeoReport && window.clipgeoReport.ready");
            string background = await page.EvaluateFunctionAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            Assert.Equal("rgb(22, 23, 26)", background);
            var points = await PointsAsync(page);
            Assert.Equal(20, points.Count(static p => p.Caption < 0));
            // The sample is stated in the map's own caption, with what the rest is drawn as.
            string caption = await page.EvaluateFunctionAsync<string>("() => document.querySelector('#fig-projection figcaption').textContent");
            Assert.Contains("20 of 50 images are drawn as points (a seeded random sample, seed 42); the other 30 as grey density", caption, StringComparison.Ordinal);
            // Only the sampled images' captions, file names and thumbnails are in the file (its size follows the sample, not the dataset).
            var kept = await page.EvaluateFunctionAsync<JsonElement>(@"() => { const d = JSON.parse(document.getElementById('projection-data').textContent);
                const n = a => a.flat().filter(x => x).length; return [n(d.captions), n(d.paths), n(d.thumbs)]; }");
            Assert.Equal([20, 20, 20], kept.EnumerateArray().Select(static k => k.GetInt32()));
            string shot = Path.Combine(SampleResults.TestResults(), "report-sample-dark.png");
            await page.ScreenshotAsync(shot);
            output.WriteLine($"screenshot (dark, sampled): {shot}");
            Console.WriteLine($"screenshot (dark, sampled): {shot}");
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_report_with_missing_files_says_what_is_missing_and_still_renders()
    {
        string dir = SampleResults.Copy();
        try
        {
            File.Delete(Path.Combine(dir, "similarity.csv"));
            Directory.Delete(Path.Combine(dir, "projections"), recursive: true);
            File.WriteAllText(Path.Combine(dir, "diagrams", "sigma-4", "global.csv"), "not,a,diagram\nx\n");
            var outcome = ReportGenerator.Generate(dir, null, null);
            var (page, errors) = await OpenAsync(outcome.Path);
            string problems = await page.EvaluateFunctionAsync<string>("() => document.getElementById('problems').innerText");
            Assert.Contains("similarity.csv is missing", problems, StringComparison.Ordinal);
            Assert.Contains("diagrams/sigma-4/global.csv is malformed", problems, StringComparison.Ordinal);
            string map = await page.EvaluateFunctionAsync<string>("() => document.getElementById('projection').innerText");
            Assert.Contains("projections/ is absent", map, StringComparison.Ordinal);
            Assert.Empty(errors);
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
