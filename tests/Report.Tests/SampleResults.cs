namespace ClipGeometry.Report.Tests;

/// <summary>The committed sample results directory (tests/Client.Tests/Report/sample-results) and fresh copies of it.</summary>
internal static class SampleResults
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClipGeometry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ClipGeometry.sln above {AppContext.BaseDirectory}.");
    }

    public static string Directory() => Path.Combine(Root(), "tests", "Client.Tests", "Report", "sample-results");

    /// <summary>A copy of the sample in a new temporary folder (tests change it: delete files, drop projections).</summary>
    public static string Copy()
    {
        string target = Path.Combine(Path.GetTempPath(), "clipgeo-report-test-" + Guid.NewGuid().ToString("N"));
        string source = Directory();
        foreach (string file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        string report = Path.Combine(target, "report.html");
        if (File.Exists(report))
        {
            File.Delete(report);
        }

        return target;
    }

    /// <summary>Where tests leave files for people to look at: tests/Report.Tests/TestResults.</summary>
    public static string TestResults()
    {
        string dir = Path.Combine(Root(), "tests", "Report.Tests", "TestResults");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
