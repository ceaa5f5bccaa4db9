using System.Text;
using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as one self-contained HTML file: inline CSS, inline SVG charts,
/// inline script, the errors embedded as JSON and paged in the browser. Nothing is fetched from anywhere.
/// Layout (ids that tests and users can rely on): header.page; section#scores with one svg.prf-chart and
/// one table.scores per score group; section#confusion with table.confusion; section#curve (svg.curve or
/// p.no-curve); section#errors with #error-filters, #error-list of article.error and #error-pager.
/// </summary>
public static class EvaluationReportWriter
{
    public const int ErrorsPerPage = 50;

    public static void Write(EvaluationReport report, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToHtml(report), new UTF8Encoding(false));
    }

    public static string ToHtml(EvaluationReport report)
    {
        // The page's structure is the template (Assets/report.liquid); the charts and tables are markup built
        // here from encoded parts (geometry is easier to read in C# than in Liquid).
        var body = HtmlTemplates.Render(HtmlTemplates.Report, new ReportModel(
            Html.Clean(report.Title),
            report.Facts.Select(f => new Fact(Html.Clean(f.Key), Html.Clean(f.Value))).ToArray(),
            report.Errors.Count,
            report.Scores.Select(g => Fragment(sb => AppendGroup(sb, g))).ToArray(),
            report.Confusions.Select(m => Fragment(sb => AppendConfusion(sb, m))).ToArray(),
            report.Curve is { } curve ? Fragment(sb => AppendCurve(sb, curve)) : "",
            report.Errors.Select(e => e.Kind).Distinct().Order(StringComparer.Ordinal).Select(k => new ErrorKind(Html.Clean(k), Html.Clean(KindTitle(k)))).ToArray(),
            report.Errors.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).Select(Html.Clean).ToArray(),
            Html.JsonScript("error-data", ErrorData(report))));

        return Html.Page(report.Title, HtmlAssets.BaseStyle + "\n" + HtmlAssets.ReportStyle, body, HtmlAssets.ReportScript);
    }

    private static string Fragment(Action<StringBuilder> append)
    {
        var sb = new StringBuilder();
        append(sb);
        return sb.ToString();
    }

    private static string KindTitle(string kind) => kind switch
    {
        "FP" => "false positive",
        "FN" => "false negative",
        "label" => "wrong label",
        _ when kind.StartsWith("assertion-", StringComparison.Ordinal) => $"assertion: {kind["assertion-".Length..]}",
        _ => kind,
    };

    private static void AppendGroup(StringBuilder sb, ScoreGroup group)
    {
        const int labelW = 150, barW = 330, valueW = 56, barH = 8, rowH = 3 * barH + 12, top = 18;
        var width = labelW + barW + valueW;
        var height = top + group.Rows.Count * rowH + 8;
        sb.Append($"<div class=\"group\" id=\"group-{Html.Escape(group.Id)}\"><h3>{Html.Escape(group.Title)}</h3>");
        if (group.Note is not null) sb.Append($"<p class=\"muted note\">{Html.Escape(group.Note)}</p>");
        sb.Append("<div class=\"group-body\">");
        sb.Append($"<svg class=\"prf-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Escape(group.Title)}\">");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            var x = labelW + tick * barW;
            sb.Append($"<line class=\"grid\" x1=\"{Html.Px(x)}\" y1=\"{top - 4}\" x2=\"{Html.Px(x)}\" y2=\"{height - 6}\" />");
            sb.Append($"<text class=\"tick\" x=\"{Html.Px(x)}\" y=\"11\" text-anchor=\"middle\">{Html.Num(tick, 2)}</text>");
        }
        for (var i = 0; i < group.Rows.Count; i++)
        {
            var r = group.Rows[i];
            var y = top + i * rowH;
            sb.Append($"<g class=\"bar-row{(r.IsSummary ? " summary" : "")}\" data-label=\"{Html.Escape(r.Name)}\">");
            sb.Append($"<text class=\"row-label\" x=\"{labelW - 8}\" y=\"{y + rowH / 2}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Html.Escape(r.Name)}</text>");
            Bar(sb, "bar-p", labelW, y, r.Precision * barW, barH, $"{r.Name} precision {Html.Num(r.Precision)}");
            Bar(sb, "bar-r", labelW, y + barH + 1, r.Recall * barW, barH, $"{r.Name} recall {Html.Num(r.Recall)}");
            Bar(sb, "bar-f", labelW, y + 2 * (barH + 1), r.F1 * barW, barH, $"{r.Name} F1 {Html.Num(r.F1)}");
            sb.Append($"<text class=\"bar-value\" x=\"{labelW + barW + 6}\" y=\"{y + rowH / 2}\" dominant-baseline=\"middle\">{Html.Num(r.F1)}</text></g>");
        }
        sb.Append("</svg>");
        sb.Append("<table class=\"scores\"><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>tp</th><th>fp</th><th>fn</th><th>support</th></tr></thead><tbody>");
        foreach (var r in group.Rows)
        {
            var counts = r.Name == "macro" ? "<td></td><td></td><td></td><td></td>" : $"<td>{r.TruePositives}</td><td>{r.FalsePositives}</td><td>{r.FalseNegatives}</td><td>{r.Support}</td>";
            sb.Append($"<tr class=\"{(r.IsSummary ? "summary" : "label-row")}\"><td>{Html.Escape(r.Name)}</td><td>{Html.Num(r.Precision)}</td><td>{Html.Num(r.Recall)}</td><td>{Html.Num(r.F1)}</td>{counts}</tr>");
        }
        sb.Append("</tbody></table></div></div>");
    }

    private static void Bar(StringBuilder sb, string cls, double x, double y, double w, double h, string title) =>
        sb.Append($"<rect class=\"bar {cls}\" x=\"{Html.Px(x)}\" y=\"{Html.Px(y)}\" width=\"{Html.Px(Math.Max(0, w))}\" height=\"{Html.Px(h)}\"><title>{Html.Escape(title)}</title></rect>");

    private static void AppendConfusion(StringBuilder sb, ConfusionMatrix m)
    {
        var max = Math.Max(1, m.Counts.Values.DefaultIfEmpty(0).Max());
        sb.Append($"<div class=\"matrix\" id=\"matrix-{Html.Escape(m.Id)}\"><h3>{Html.Escape(m.Title)}</h3>");
        if (m.Note is not null) sb.Append($"<p class=\"muted note\">{Html.Escape(m.Note)}</p>");
        sb.Append("<table class=\"confusion\"><thead><tr><th class=\"corner\">gold \\ predicted</th>");
        foreach (var p in m.Labels) sb.Append($"<th class=\"pred\">{Html.Escape(p)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var g in m.Labels)
        {
            sb.Append($"<tr><th class=\"gold\">{Html.Escape(g)}</th>");
            foreach (var p in m.Labels)
            {
                var n = m.Count(g, p);
                var alpha = n == 0 ? 0 : 0.12 + 0.78 * Math.Sqrt(n / (double)max);
                var diag = g == p;
                var colour = diag ? $"rgba(63,145,66,{Html.Num(alpha, 2)})" : $"rgba(214,69,69,{Html.Num(alpha, 2)})";
                var dark = alpha > 0.55 ? " dark" : "";
                sb.Append($"<td class=\"cell{(diag ? " diag" : "")}{dark}\" data-gold=\"{Html.Escape(g)}\" data-pred=\"{Html.Escape(p)}\" style=\"background:{colour}\" title=\"gold {Html.Escape(g)}, predicted {Html.Escape(p)}: {n}\">{(n == 0 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture))}</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
    }

    private static void AppendCurve(StringBuilder sb, TrainingCurve curve)
    {
        sb.Append($"<p class=\"muted note\">From <code>{Html.Escape(curve.Source)}</code>; x axis: {Html.Escape(curve.XName)}.</p><div class=\"curves\">");
        var groups = new[] { ("Scores", curve.Series.Where(s => s.IsScore).ToArray()), ("Loss and other values", curve.Series.Where(s => !s.IsScore).ToArray()) };
        string[] colours = ["#2f6fbf", "#e9a23b", "#3f9142", "#d64545", "#8e6cc4", "#1a9aa0", "#b35c8f"];
        var c = 0;
        foreach (var (title, series) in groups)
        {
            if (series.Length == 0) continue;
            const int w = 520, h = 240, left = 48, right = 12, top = 12, bottom = 30;
            var xs = series.SelectMany(s => s.Points.Select(p => p.X)).ToArray();
            var ys = series.SelectMany(s => s.Points.Select(p => p.Y)).ToArray();
            double x0 = xs.Min(), x1 = xs.Max();
            double y0 = title == "Scores" ? 0 : Math.Min(0, ys.Min()), y1 = title == "Scores" ? 1 : ys.Max();
            if (x1 <= x0) x1 = x0 + 1;
            if (y1 <= y0) y1 = y0 + 1;
            double X(double v) => left + (v - x0) / (x1 - x0) * (w - left - right);
            double Y(double v) => top + (1 - (v - y0) / (y1 - y0)) * (h - top - bottom);
            sb.Append($"<figure class=\"curve-figure\"><figcaption>{Html.Escape(title)}</figcaption>");
            sb.Append($"<svg class=\"curve\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">");
            for (var t = 0; t <= 4; t++)
            {
                var v = y0 + (y1 - y0) * t / 4;
                sb.Append($"<line class=\"grid\" x1=\"{left}\" y1=\"{Html.Px(Y(v))}\" x2=\"{w - right}\" y2=\"{Html.Px(Y(v))}\" /><text class=\"tick\" x=\"{left - 6}\" y=\"{Html.Px(Y(v) + 4)}\" text-anchor=\"end\">{Html.Num(v, v >= 10 ? 0 : 2)}</text>");
            }
            sb.Append($"<text class=\"tick\" x=\"{left}\" y=\"{h - 8}\">{Html.Num(x0, 0)}</text><text class=\"tick\" x=\"{w - right}\" y=\"{h - 8}\" text-anchor=\"end\">{Html.Num(x1, 0)}</text>");
            foreach (var s in series)
            {
                var colour = colours[c++ % colours.Length];
                var pts = string.Join(" ", s.Points.Select(p => $"{Html.Px(X(p.X))},{Html.Px(Y(p.Y))}"));
                sb.Append($"<polyline class=\"series\" data-series=\"{Html.Escape(s.Name)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{pts}\"><title>{Html.Escape(s.Name)}</title></polyline>");
                // Markers as well: a run that stopped after one iteration has a point, not a line.
                foreach (var p in s.Points)
                    sb.Append($"<circle class=\"point\" cx=\"{Html.Px(X(p.X))}\" cy=\"{Html.Px(Y(p.Y))}\" r=\"3\" fill=\"{colour}\"><title>{Html.Escape(s.Name)} {Html.Num(p.X, 0)}: {Html.Num(p.Y)}</title></circle>");
            }
            sb.Append("</svg><p class=\"curve-legend\">");
            c -= series.Length;
            foreach (var s in series) sb.Append($"<span><i style=\"background:{colours[c++ % colours.Length]}\"></i>{Html.Escape(s.Name)}</span> ");
            sb.Append("</p></figure>");
        }
        sb.Append("</div>");
    }

    private static JsonObject ErrorData(EvaluationReport report)
    {
        // Texts once each: a long note with many errors is embedded one time.
        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var e in report.Errors)
        {
            var key = e.DocumentId + "\u0000" + e.Text;
            if (!index.TryGetValue(key, out var t)) { t = texts.Count; texts.Add(e.Text); index[key] = t; }
            items.Add(new JsonObject { ["d"] = e.DocumentId, ["k"] = e.Kind, ["l"] = e.Label, ["s"] = e.Start, ["e"] = e.End, ["x"] = e.Detail, ["t"] = t });
        }
        return new JsonObject { ["pageSize"] = ErrorsPerPage, ["texts"] = new JsonArray(texts.Select(s => (JsonNode)s).ToArray()), ["errors"] = items };
    }



    /// <summary>What report.liquid prints (Assets/report.liquid): texts encoded there, fragments and data as built here; Curve is "" when there is none.</summary>
    public sealed record ReportModel(string Title, IReadOnlyList<Fact> Facts, int ErrorCount, IReadOnlyList<string> Groups,
        IReadOnlyList<string> Matrices, string Curve, IReadOnlyList<ErrorKind> Kinds, IReadOnlyList<string> ErrorLabels, string Data);

    /// <summary>One "key value" of the page header.</summary>
    public sealed record Fact(string Key, string Value);

    /// <summary>One option of the error-kind filter.</summary>
    public sealed record ErrorKind(string Value, string Title);
}
