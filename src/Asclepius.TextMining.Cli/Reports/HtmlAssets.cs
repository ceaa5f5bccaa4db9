using System.Reflection;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// The styles, scripts and templates of the HTML pages, kept as .css, .js and .liquid files in Reports/Assets
/// and embedded in the program (LogicalName "Asclepius.Reports.NAME"): the pages stay single self-contained files.
/// </summary>
public static class HtmlAssets
{
    public static string BaseStyle { get; } = Read("base.css");

    public static string ViewerStyle { get; } = Read("viewer.css");

    public static string ViewerScript { get; } = Read("viewer.js");

    public static string ReportStyle { get; } = Read("report.css");

    public static string ReportScript { get; } = Read("report.js");

    internal static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Asclepius.Reports." + name)
            ?? throw new InvalidOperationException($"the program lacks its embedded asset {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }
}
