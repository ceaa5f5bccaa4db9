using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Reports;

namespace Asclepius.TextMining.Cli.Tests.Reports;

public sealed class EvaluationReportWriterTests
{
    [Fact]
    public void Report_has_score_charts_confusion_curve_and_errors()
    {
        var (report, errors) = ReportFixtures.Build();
        var html = EvaluationReportWriter.ToHtml(report);
        var dom = HtmlDom.Parse(html);

        dom.ById("scores")!.ByClass("svg", "prf-chart").Should().HaveCount(3, "strict, lenient and assertions");
        var strict = dom.ById("group-entities-strict")!;
        var labels = report.Scores[0].Rows.Count;
        strict.ByClass("g", "bar-row").Should().HaveCount(labels);
        strict.ByClass("rect", "bar").Should().HaveCount(3 * labels, "precision, recall and F1 per row");
        strict.ByClass("tr", "summary").Select(r => r.Elements().First().Value).Should().Equal("micro", "macro");

        var matrix = dom.ById("matrix-entity-confusion")!;
        var heads = matrix.ByClass("th", "pred").Select(t => t.Value).ToArray();
        heads.Should().Contain("none").And.Contain("Drug").And.Contain("Procedure");
        matrix.ByClass("td", "cell").Should().HaveCount(heads.Length * heads.Length);
        matrix.ByClass("td", "cell").Single(c => (string?)c.Attribute("data-gold") == "Drug" && (string?)c.Attribute("data-pred") == "Procedure").Value.Should().Be("1");
        matrix.ByClass("td", "cell").Single(c => (string?)c.Attribute("data-gold") == "none" && (string?)c.Attribute("data-pred") == "Problem").Value.Should().Be("1");
        dom.ById("matrix-negation").Should().NotBeNull();
        dom.ById("matrix-temporality").Should().NotBeNull();
        dom.ById("matrix-experiencer").Should().NotBeNull();

        dom.ById("curve")!.ByClass("polyline", "series").Select(p => (string?)p.Attribute("data-series")).Should().BeEquivalentTo(["loss", "dev_f1"]);

        var data = JsonNode.Parse(HtmlDom.ScriptJson(html, "error-data"))!;
        data["errors"]!.AsArray().Should().HaveCount(errors);
        data["errors"]!.AsArray().Select(e => (string)e!["k"]!).Distinct().Should().BeEquivalentTo(["FN", "FP", "label", "assertion-negated", "assertion-family"]);
        dom.ById("error-kind")!.Elements().Select(o => (string?)o.Attribute("value")).Should().Equal("", "FN", "FP", "assertion-family", "assertion-negated", "label");
    }

    [Fact]
    public void Report_without_a_curve_says_so_and_fetches_nothing()
    {
        var (report, _) = ReportFixtures.Build();
        var html = EvaluationReportWriter.ToHtml(report with { Curve = null });
        HtmlDom.Parse(html).ById("curve")!.ByClass("p", "no-curve").Should().ContainSingle();
        // The SVG namespace is a name, not a fetch; nothing else may point anywhere.
        html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "").Should().NotContainAny("http://", "https://", "src=\"", "href=\"http", "@import", "url(");
    }

    [Fact]
    public void Note_text_cannot_break_out_of_the_embedded_data()
    {
        var (report, _) = ReportFixtures.Build();
        var evil = report.Errors[0] with { Text = "</script><script>alert(1)</script><!-- & \"quotes\"", Start = 0, End = 9 };
        var html = EvaluationReportWriter.ToHtml(report with { Errors = [evil] });
        HtmlDom.ScriptJson(html, "error-data").Should().NotContain("</script").And.NotContain("<!--");
        var back = JsonNode.Parse(HtmlDom.ScriptJson(html, "error-data"))!;
        ((string)back["texts"]![0]!).Should().Be(evil.Text);
    }
}
