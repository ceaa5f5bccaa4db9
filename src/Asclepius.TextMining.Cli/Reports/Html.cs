using System.Globalization;
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

    /// <summary>The one HTML encoder of the pages (templates and <see cref="Escape"/>): every script and language left as it is (the default encoder writes all non-ASCII as &amp;#x…;).</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Text for an element or a quoted attribute, encoded by <see cref="Encoder"/>.</summary>
    public static string Escape(string? text) => string.IsNullOrEmpty(text) ? "" : Encoder.Encode(Clean(text));

    /// <summary>
    /// The text with control characters other than tab and line breaks replaced by U+FFFD: they are not allowed in
    /// HTML (nor in XML, which the tests read the pages as), not even as the character references an encoder writes.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(IsForbidden)) return text;
        return string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++) span[i] = IsForbidden(t[i]) ? '\uFFFD' : t[i];
        });
    }

    private static bool IsForbidden(char c) => char.IsControl(c) && c is not ('\n' or '\t' or '\r');

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

    /// <summary>The page skeleton (Assets/page.liquid): doctype, inline style, the body, inline script. No external resource of any kind.</summary>
    public static string Page(string title, string style, string body, string script) =>
        HtmlTemplates.Render(HtmlTemplates.Page, new PageModel(Clean(title), style, body, script));

    /// <summary>What page.liquid prints: the title encoded, the rest as given (the page's own assets and markup).</summary>
    public sealed record PageModel(string Title, string Style, string Body, string Script);
}
