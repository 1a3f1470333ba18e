using PuppeteerSharp;

namespace ClipGeometry.Report.Tests;

/// <summary>Debian's headless Chromium driven over the DevTools protocol (PuppeteerSharp; nothing is downloaded).</summary>
public sealed class Chromium : IAsyncLifetime
{
    private string _profile = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>CHROMIUM if set, else /usr/bin/chromium (the Debian package .ci/run installs).</summary>
    public static string Executable()
    {
        string? configured = Environment.GetEnvironmentVariable("CHROMIUM");
        string path = string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium is missing at {path}: install Debian's chromium package (.ci/run does) or set CHROMIUM.");
    }

    public async Task InitializeAsync()
    {
        _profile = Path.Combine(Path.GetTempPath(), "clipgeo-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profile);
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Executable(),
            Headless = true,
            UserDataDir = _profile,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + _profile,
            ],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            await Browser.DisposeAsync();
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the folder is in the temp directory.
        }
    }
}
