using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Small helpers for the self-contained HTML files (report, viewer): escaping, numbers, embedded JSON and
/// label colours. The markup they write is well-formed (every element closed, attributes quoted) so that
/// tests can read it as XML once the scripts are set aside.
/// </summary>
public static class Html
{
    private static readonly JsonSerializerOptions ScriptJson = new()
    {
        // The default encoder escapes <, >, & and quotes as \u003C…: nothing in the data can close the
        // script element or start a comment, whatever the notes contain.
        Encoder = JavaScriptEncoder.Default,
        WriteIndented = false,
    };

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab/newline are not allowed in HTML text.
                    if (char.IsControl(c) && c is not ('\n' or '\t' or '\r')) sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public static string Num(double value, int decimals = 3) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A &lt;script type="application/json"&gt; element holding <paramref name="data"/>, safe to embed.</summary>
    public static string JsonScript(string id, JsonNode data) =>
        $"<script type=\"application/json\" id=\"{id}\">{data.ToJsonString(ScriptJson)}</script>";

    /// <summary>A stable colour per label: a fixed palette in order of first appearance, then hashed hues.</summary>
    public static string LabelColor(string label, IReadOnlyList<string> labels)
    {
        string[] palette = ["#7aa6e8", "#f4b266", "#8fd19e", "#e88b8b", "#b59ae0", "#e8d36a", "#7fd3d3", "#e89bcb", "#a8c46a", "#c9a27e"];
        var i = -1;
        for (var k = 0; k < labels.Count; k++) if (labels[k] == label) { i = k; break; }
        if (i >= 0 && i < palette.Length) return palette[i];
        var hash = 0;
        foreach (var c in label) hash = unchecked(hash * 31 + c);
        return $"hsl({(hash & 0x7fffffff) % 360}, 60%, 75%)";
    }

    /// <summary>The page skeleton: doctype, inline style, a header, the body, inline script. No external resource of any kind.</summary>
    public static string Page(string title, string style, string body, string script)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        // No network: a strict policy refuses any fetch the page might attempt.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\" />\n");
        sb.Append("<title>").Append(Escape(title)).Append("</title>\n<style>\n").Append(style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append(body);
        sb.Append("\n<script>\n").Append(script).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    public const string BaseStyle = """
        :root { --fg: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f7f9fb; --card: #ffffff; --accent: #2f6fbf; --fp: #d64545; --fn: #e9a23b; --ok: #3f9142; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
        header.page { background: #1f3a5f; color: #fff; padding: 18px 28px; }
        header.page h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
        header.page .meta { margin: 0; color: #c9d6e6; font-size: 13px; }
        main { max-width: 1180px; margin: 0 auto; padding: 18px 24px 40px; }
        section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
        section.card h2 { margin: 0 0 12px; font-size: 17px; font-weight: 600; }
        nav.toc { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 6px 0 0; }
        nav.toc a { color: #c9d6e6; text-decoration: none; font-size: 13px; }
        nav.toc a:hover { color: #fff; text-decoration: underline; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { color: var(--muted); font-weight: 600; }
        .muted { color: var(--muted); }
        input[type=search], select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
        button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
        button:disabled { opacity: .4; cursor: default; }
        .pager { display: flex; align-items: center; gap: 10px; margin: 12px 0 0; }
        """;
}
