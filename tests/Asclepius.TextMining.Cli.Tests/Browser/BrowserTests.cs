using System.Text.RegularExpressions;
using Asclepius.TextMining.Cli.Reports;
using Asclepius.TextMining.Cli.Tests.Reports;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Browser;

/// <summary>
/// Opens the HTML report and the note viewer in headless Chromium: the scripts run, the DOM has what it
/// should, and screenshots are left in artifacts/screenshots for people to look at.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shots => Path.Combine(SharedData.RepoRoot, "artifacts", "screenshots");

    private static int Count(string dom, string pattern) => Regex.Matches(dom, pattern).Count;

    [Fact]
    public void Viewer_renders_a_page_of_notes_out_of_thousands()
    {
        var notes = DemoNotes.Many(1200);
        var path = Path.Combine(_dir, "view.html");
        NoteViewerWriter.Write(notes, path, "Labeled notes (demo)");

        var dom = HeadlessChromium.DumpDom(path);
        Count(dom, "<article class=\"note\"").Should().Be(NoteViewerWriter.DefaultPageSize, "one page is rendered, not 1200 notes");
        dom.Should().Contain("1–10 of 1200 (page 1 of 120)");
        var firstPage = notes.Take(NoteViewerWriter.DefaultPageSize).ToArray();
        Count(dom, "<mark class=\"ent").Should().Be(firstPage.Sum(n => n.Entities.Count));
        Count(dom, "<mark class=\"ent[^\"]*negated").Should().Be(firstPage.Sum(n => n.Entities.Count(e => e.Assertions.HasFlag(Core.Documents.Assertions.Negated))));
        Count(dom, "<span class=\"badge family\"").Should().BeGreaterThan(0);
        Count(dom, "<span class=\"sec-hdr\"").Should().BeGreaterThan(0);
        Count(dom, "<li class=\"relation\"").Should().Be(firstPage.Sum(n => n.Relations.Count));
        Count(dom, "<svg class=\"arcs\"").Should().Be(firstPage.Count(n => n.Relations.Count > 0));

        // Filters from the address: notes mentioning pneumonia, showing only Problem mentions that are negated.
        var filtered = HeadlessChromium.DumpDom(path, query: "?q=pneumonia&flag=negated&labels=Problem");
        var expected = notes.Count(n => n.Text.Contains("pneumonia", StringComparison.OrdinalIgnoreCase)
                                        && n.Entities.Any(e => e.Label == "Problem" && e.Assertions.HasFlag(Core.Documents.Assertions.Negated)));
        filtered.Should().Contain($"{expected} of 1200 notes match");
        Regex.Matches(filtered, "<mark class=\"ent[^\"]*\"[^>]*data-label=\"Drug\"").Count.Should().Be(0, "unchecked labels are not highlighted");

        HeadlessChromium.Screenshot(path, Path.Combine(Shots, "view.png"), 1280, 1100);
        File.Copy(path, Path.Combine(Shots, "view.html"), overwrite: true);
    }

    [Fact]
    public void Report_renders_charts_matrix_curve_and_a_page_of_errors()
    {
        var (report, errors) = ReportFixtures.Build();
        var path = Path.Combine(_dir, "report.html");
        EvaluationReportWriter.Write(report, path);

        var dom = HeadlessChromium.DumpDom(path);
        Count(dom, "<svg class=\"prf-chart\"").Should().Be(report.Scores.Count);
        Count(dom, "<table class=\"confusion\"").Should().Be(report.Confusions.Count);
        Count(dom, "<polyline class=\"series\"").Should().Be(report.Curve!.Series.Count);
        Count(dom, "<article class=\"error ").Should().Be(Math.Min(errors, EvaluationReportWriter.ErrorsPerPage));
        Count(dom, "<mark class=\"k-").Should().Be(Math.Min(errors, EvaluationReportWriter.ErrorsPerPage));
        dom.Should().Contain($"of {errors} (page 1 of");

        HeadlessChromium.Screenshot(path, Path.Combine(Shots, "report.png"), 1280, 2200);
        File.Copy(path, Path.Combine(Shots, "report.html"), overwrite: true);
    }
}
