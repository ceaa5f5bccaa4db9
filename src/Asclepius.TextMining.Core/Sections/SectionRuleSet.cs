using System.Text;
using System.Text.RegularExpressions;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

namespace Asclepius.TextMining.Core.Sections;

/// <summary>
/// Clinical section headers as data, loaded strictly, and the detector that finds them. Layout (version 1):
/// {
///   "format": "asclepius-section-rules", "version": 1, "description": "…",
///   "sections": [
///     { "name": "past_medical_history", "title": "Past medical history", "loinc": "11348-0",
///       "aliases": ["past medical history", "pmh", "medical history"], "assertions": ["historical"] }
///   ],
///   "subheaders": ["heent", "lungs", "abdomen"]    // headers inside a section that do not end it
/// }
/// Section keys: name, title, aliases (required); loinc, omop_concept_id, assertions, comment (optional).
/// assertions: historical | family | hypothetical | uncertain | negated. Aliases are compared lower-cased
/// with punctuation folded to spaces; an alias may belong to one section only.
///
/// A header is (1) an upper-case phrase ending with ':' that starts a line, follows sentence punctuation
/// or a run of spaces (notes flattened to one line, MTSamples' ".," joins), or (2) a known alias in any
/// case followed by ':' at the start of a line, or (3) a whole line that is a known alias. "HPI AND
/// HOSPITAL COURSE" and "HISTORY OF PRESENT ILLNESS/HOSPITAL COURSE" resolve by their first part.
/// Immutable and thread-safe.
/// </summary>
public sealed partial class SectionRuleSet
{
    public const string Format = "asclepius-section-rules";
    public const int NewestVersion = 1;
    public const string FileName = "sections.json";
    private const int MaxHeaderChars = 70;

    private static readonly Lazy<SectionRuleSet> LazyDefault = new(() => Parse(StrictJson.ReadEmbedded(FileName), "data/rules/sections.json (built in)"));

    private readonly Dictionary<string, SectionDefinition> _byAlias;
    private readonly HashSet<string> _subheaders;

    private SectionRuleSet(string json, string description, IReadOnlyList<SectionDefinition> sections, Dictionary<string, SectionDefinition> byAlias, HashSet<string> subheaders)
    {
        Json = json;
        Description = description;
        Sections = sections;
        _byAlias = byAlias;
        _subheaders = subheaders;
    }

    public string Json { get; }
    public string Description { get; }
    public IReadOnlyList<SectionDefinition> Sections { get; }
    public IReadOnlyCollection<string> Subheaders => _subheaders;

    public static SectionRuleSet Default => LazyDefault.Value;

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Json);

    public SectionDefinition? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>The OMOP section_concept_id for a section name: the configured id, or 0 when none is known.</summary>
    public int ConceptId(string? sectionName) => sectionName is null ? 0 : Find(sectionName)?.OmopConceptId ?? 0;

    public static SectionRuleSet Load(string path)
        => Parse(StrictJson.ReadFile(path), path);

    public static SectionRuleSet Parse(string json, string location = FileName)
    {
        var file = StrictJson.Deserialize<SectionRulesJson>(json, location);
        StrictJson.CheckHeader(file.Format, file.Version, Format, NewestVersion, location);
        var description = file.Description ?? "";
        var sections = new List<SectionDefinition>();
        var byAlias = new Dictionary<string, SectionDefinition>(StringComparer.Ordinal);
        var aliasOwner = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (i, item) in StrictJson.Objects(file.Sections, "sections", location))
        {
            var where = $"{location}: sections[{i}]";
            var def = ParseSection(item, where);
            where = $"{where} (name '{def.Name}')";
            if (sections.Any(s => s.Name == def.Name)) throw StrictJson.Fail($"section name '{def.Name}' appears twice", where);
            foreach (var alias in def.Aliases.Append(def.Name.Replace('_', ' ')).Append(def.Title))
            {
                var key = Normalize(alias);
                if (key.Length == 0) throw StrictJson.Fail($"alias '{alias}' has no letters", where);
                if (aliasOwner.TryGetValue(key, out var owner) && owner != i)
                    throw StrictJson.Fail($"alias '{alias}' already belongs to section '{sections[owner].Name}' (sections[{owner}])", where);
                aliasOwner[key] = i;
                byAlias[key] = def;
            }
            sections.Add(def);
        }
        if (sections.Count == 0) throw StrictJson.Fail("'sections' is empty", location);
        var subheaders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in StrictJson.Strings(file.Subheaders, "subheaders", location))
        {
            var key = Normalize(s);
            if (byAlias.TryGetValue(key, out var owner))
                throw StrictJson.Fail($"subheader '{s}' is also an alias of section '{owner.Name}'", location);
            if (!subheaders.Add(key)) throw StrictJson.Fail($"subheader '{s}' appears twice", location);
        }
        return new SectionRuleSet(json, description, sections, byAlias, subheaders);
    }

    private static SectionDefinition ParseSection(SectionJson item, string where)
    {
        var name = StrictJson.Required(item.Name, "name", where);
        if (!NameRegex().IsMatch(name)) throw StrictJson.Fail($"name '{name}' must be lower_snake_case", where);
        var title = StrictJson.Required(item.Title, "title", where);
        var loinc = item.Loinc;
        if (loinc is not null && !LoincRegex().IsMatch(loinc)) throw StrictJson.Fail($"loinc '{loinc}' is not a LOINC code (digits-check digit)", where);
        var concept = StrictJson.InRange(item.OmopConceptId, "omop_concept_id", where, 0, int.MaxValue) ?? 0;
        var aliases = StrictJson.Strings(item.Aliases, "aliases", where, required: true);
        var flags = Assertions.None;
        foreach (var a in StrictJson.Strings(item.Assertions, "assertions", where))
        {
            flags |= a switch
            {
                "historical" => Assertions.Historical,
                "family" => Assertions.Family,
                "hypothetical" => Assertions.Hypothetical,
                "uncertain" => Assertions.Uncertain,
                "negated" => Assertions.Negated,
                _ => throw StrictJson.Fail($"unknown assertion '{a}'; allowed: historical, family, hypothetical, uncertain, negated", where),
            };
        }
        return new SectionDefinition(name, title, loinc, concept, aliases, flags);
    }

    /// <summary>Lower case, every run of non-letters/digits one space: "Past Medical Hx:" → "past medical hx".</summary>
    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        var space = false;
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else space = true;
        }
        return sb.ToString();
    }

    /// <summary>The section a header's text names, trying the whole text and then its parts ("HPI AND HOSPITAL COURSE").</summary>
    public SectionDefinition? Resolve(string headerText, out bool isSubheader)
    {
        isSubheader = false;
        var key = Normalize(headerText);
        if (_byAlias.TryGetValue(key, out var def)) return def;
        if (_subheaders.Contains(key)) { isSubheader = true; return null; }
        // "PREOPERATIVE DIAGNOSIS (ES)", "CHIEF COMPLAINT (1/1)": without the parenthetical.
        var bare = Parenthetical().Replace(headerText, " ");
        if (bare.Length != headerText.Length)
        {
            key = Normalize(bare);
            if (_byAlias.TryGetValue(key, out def)) return def;
            if (_subheaders.Contains(key)) { isSubheader = true; return null; }
        }
        foreach (var part in PartSplit().Split(headerText))
        {
            var k = Normalize(part);
            if (k.Length > 0 && _byAlias.TryGetValue(k, out def)) return def;
        }
        return null;
    }

    /// <summary>Every header in a text, in order.</summary>
    public IReadOnlyList<SectionHeader> FindHeaders(string text)
    {
        var headers = new List<SectionHeader>();
        var lastEnd = 0;
        for (var colon = text.IndexOf(':'); colon >= 0; colon = colon + 1 < text.Length ? text.IndexOf(':', colon + 1) : -1)
        {
            if (colon + 1 < text.Length && char.IsAsciiDigit(text[colon + 1])) continue; // 10:30, 1:1000
            var header = HeaderEndingAt(text, colon, lastEnd);
            if (header is null) continue;
            headers.Add(header);
            lastEnd = colon + 1;
        }
        // Lines that are nothing but a known alias ("ASSESSMENT AND PLAN", "Family History").
        foreach (Match m in WholeLine().Matches(text))
        {
            var g = m.Groups["h"];
            var span = new TextSpan(g.Index, g.Index + g.Length);
            if (headers.Any(h => h.Span.Overlaps(span))) continue;
            if (_byAlias.TryGetValue(Normalize(g.Value), out var def))
                headers.Add(new SectionHeader(span, g.Value, def, false));
        }
        headers.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return headers;
    }

    /// <summary>The longest header that ends at the colon and starts at a boundary, or null.</summary>
    private SectionHeader? HeaderEndingAt(string text, int colon, int notBefore)
    {
        var end = colon;
        while (end > notBefore && (text[end - 1] == ' ' || text[end - 1] == '\t')) end--;
        if (end == notBefore || !char.IsLetterOrDigit(text[end - 1]) && text[end - 1] != ')') return null;
        var leftmost = end;
        while (leftmost > notBefore && end - leftmost < MaxHeaderChars && IsHeaderChar(text[leftmost - 1])) leftmost--;
        for (var p = leftmost; p < end; p++)
        {
            if (!char.IsLetter(text[p]) || (p > 0 && char.IsLetterOrDigit(text[p - 1]))) continue;
            if (!IsBoundary(text, p)) continue;
            var raw = text.Substring(p, end - p);
            var def = Resolve(raw, out var sub);
            var upper = IsUpperHeader(raw);
            if (def is null && !sub)
            {
                if (upper) return new SectionHeader(new TextSpan(p, end), raw, null, false);
                continue;
            }
            // A known header in mixed case ("Past Medical History:") only where a header can start a line.
            if (upper || AtLineOrSentenceStart(text, p)) return new SectionHeader(new TextSpan(p, end), raw, def, sub);
        }
        return null;
    }

    private static bool IsHeaderChar(char c) => char.IsLetterOrDigit(c) || c is ' ' or '/' or '&' or '\'' or '(' or ')' or '-' or ',' or '#' or '\t';

    /// <summary>The sections of a text: each header (not subheaders) opens one that runs to the next. Text before the first header is in none.</summary>
    public IReadOnlyList<SectionSpan> FindSections(string text)
    {
        var tops = FindHeaders(text).Where(h => !h.IsSubheader).ToArray();
        var spans = new List<SectionSpan>(tops.Length);
        for (var i = 0; i < tops.Length; i++)
        {
            var end = i + 1 < tops.Length ? tops[i + 1].Span.Start : text.Length;
            spans.Add(new SectionSpan(new TextSpan(tops[i].Span.Start, end), tops[i]));
        }
        return spans;
    }

    private static bool IsUpperHeader(string raw)
    {
        var letters = 0;
        var words = 1;
        foreach (var c in raw)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
            if (c == ' ') words++;
        }
        return letters >= 2 && words <= 12;
    }

    /// <summary>A header starts the text, a line, or follows '.', ',', ';' or a run of two or more spaces.</summary>
    private static bool IsBoundary(string text, int start)
    {
        var i = start - 1;
        var spaces = 0;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\t')) { i--; spaces++; }
        if (i < 0) return true;
        return text[i] is '\n' or '\r' or '.' or ',' or ';' or '>' || spaces >= 2;
    }

    private static bool AtLineOrSentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\t')) i--;
        return i < 0 || text[i] is '\n' or '\r' or '.' or ';' or '>';
    }

    [GeneratedRegex(@"(?m)^[ \t]*(?<h>[A-Za-z][A-Za-z /&'\-]{1,69}?)[ \t]*\r?$")]
    private static partial Regex WholeLine();

    [GeneratedRegex(@"\s*/\s*|\s+(?:and|AND|&)\s+|,\s*")]
    private static partial Regex PartSplit();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^\d{1,7}-\d$")]
    private static partial Regex LoincRegex();
}
