using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// Small helpers for the self-contained HTML files (report, viewer): encoding, numbers, embedded JSON and
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

    // Every script and language left as it is (the default encoder writes all non-ASCII as &#x…;).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Text for an element or a quoted attribute, encoded by <see cref="HtmlEncoder"/>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Control characters other than tab and line breaks are not allowed in HTML (nor in XML, which the tests
        // read the pages as), not even as character references: they become U+FFFD before encoding.
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r')))
            text = string.Create(text.Length, text, (span, t) =>
            {
                for (var i = 0; i < t.Length; i++) span[i] = char.IsControl(t[i]) && t[i] is not ('\n' or '\t' or '\r') ? '\uFFFD' : t[i];
            });
        return Encoder.Encode(text);
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

}
