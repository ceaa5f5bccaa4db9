using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Asclepius.TextMining.Cli.Tests.Reports;

/// <summary>Reads the writers' HTML as XML (they write well-formed markup); script bodies are set aside first.</summary>
public static partial class HtmlDom
{
    public static XDocument Parse(string html)
    {
        var noScripts = ScriptBody().Replace(html, "<script$1></script>");
        var noDoctype = noScripts.Replace("<!DOCTYPE html>", "");
        return XDocument.Parse(noDoctype.Replace("&nbsp;", "&#160;"));
    }

    public static IEnumerable<XElement> ByClass(this XContainer root, string element, string cls) =>
        root.Descendants().Where(e => e.Name.LocalName == element && ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cls));

    public static XElement? ById(this XContainer root, string id) =>
        root.Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == id);

    /// <summary>The JSON text of a &lt;script type="application/json" id="…"&gt; element.</summary>
    public static string ScriptJson(string html, string id)
    {
        var m = Regex.Match(html, $"<script type=\"application/json\" id=\"{id}\">(.*?)</script>", RegexOptions.Singleline);
        if (!m.Success) throw new InvalidOperationException($"no script #{id}");
        return m.Groups[1].Value;
    }

    [GeneratedRegex("<script([^>]*)>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();
}
