using System.Reflection;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// The styles and scripts of the HTML pages, kept as .css and .js files in Reports/Assets and embedded in the
/// program (LogicalName "Asclepius.Reports.NAME"): the pages stay single self-contained files.
/// </summary>
public static class HtmlAssets
{
    public static string BaseStyle { get; } = Read("base.css");

    public static string ViewerStyle { get; } = Read("viewer.css");

    public static string ViewerScript { get; } = Read("viewer.js");

    public static string ReportStyle { get; } = Read("report.css");

    public static string ReportScript { get; } = Read("report.js");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Asclepius.Reports." + name)
            ?? throw new InvalidOperationException($"the program lacks its embedded asset {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }
}
