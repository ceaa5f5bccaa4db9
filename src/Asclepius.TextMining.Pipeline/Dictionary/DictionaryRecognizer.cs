using System.Text;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Lexicons;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Rules;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Pipeline.Dictionary;

/// <summary>
/// Ner.Dictionary.v1: finds the phrases of a lexicon, token by token, leftmost-longest, case-insensitive
/// unless asked otherwise. A rules baseline that needs no training, and the fast, predictable recognizer
/// the batch and worker tests use. State is the lexicon itself (component file <c>lexicon.tsv</c>:
/// one "phrase TAB label" per line, '#' comments and blank lines ignored; <c>options.json</c> optional:
/// {"case_sensitive": false}).
/// </summary>
public sealed class DictionaryRecognizer : IEntityRecognizer
{
    public const string ComponentKind = "Ner.Dictionary.v1";
    public const string LexiconFile = "lexicon.tsv";
    public const string OptionsFile = "options.json";

    private readonly Node _root = new();
    private readonly StringComparer _comparer;

    public DictionaryRecognizer(IEnumerable<(string Phrase, string Label)> lexicon, bool caseSensitive = false)
    {
        _comparer = caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        CaseSensitive = caseSensitive;
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (phrase, label) in lexicon)
        {
            var words = ClinicalTokenizer.Default.TokenizeWords(phrase);
            if (words.Count == 0) continue;
            var node = _root;
            foreach (var w in words)
            {
                node.Next ??= new Dictionary<string, Node>(_comparer);
                if (!node.Next.TryGetValue(w.Text, out var child)) node.Next[w.Text] = child = new Node();
                node = child;
            }
            node.Label ??= label; // the first entry of a phrase wins: lexicons list the preferred label first
            labels.Add(label);
            Count++;
        }
        Produces = labels.ToArray();
    }

    public string Kind => ComponentKind;
    public IReadOnlyList<string> Produces { get; }
    public bool CaseSensitive { get; }
    public int Count { get; }

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens)
    {
        var found = new List<Entity>();
        var t = tokens.Tokens;
        var i = 0;
        while (i < t.Count)
        {
            var node = _root;
            string? label = null;
            var end = -1;
            for (var j = i; j < t.Count && node.Next is not null && node.Next.TryGetValue(t[j].Text, out var child); j++)
            {
                node = child;
                if (node.Label is not null) { label = node.Label; end = j; }
            }
            if (label is null) { i++; continue; }
            found.Add(new Entity($"T{found.Count + 1}", new TextSpan(t[i].Start, t[end].End), label, 1.0, Assertions.None, AnnotationSource.Predicted));
            i = end + 1;
        }
        return found;
    }

    /// <summary>Reads a lexicon strictly (<see cref="LexiconTsv"/>, phrase/label layout): a line without exactly one tab, or with an empty phrase or label, is an error naming the line.</summary>
    public static IReadOnlyList<(string Phrase, string Label)> ParseLexicon(string text, string location)
    {
        var table = LexiconTsv.Parse(text, location);
        if (table.Layout != LexiconLayout.PhraseLabel)
            throw new TextMiningException(ErrorCodes.RulesInvalid, "expected \"phrase<TAB>label\" lines, found the header of a name/variants/class lexicon", location);
        if (table.Rows.Count == 0) throw new TextMiningException(ErrorCodes.RulesInvalid, "the lexicon has no entries", location);
        return table.Rows.Select(r => (r.Name, r.Class)).ToArray();
    }

    /// <summary>The component files for a package (pass to ModelPackageBuilder.AddComponent).</summary>
    public static IReadOnlyDictionary<string, byte[]> ComponentFiles(IEnumerable<(string Phrase, string Label)> lexicon, bool caseSensitive = false)
    {
        var sb = new StringBuilder("# phrase\tlabel\n");
        foreach (var (p, l) in lexicon)
        {
            if (p.Contains('\t') || p.Contains('\n') || l.Contains('\t') || l.Contains('\n'))
                throw new ArgumentException($"lexicon entry '{p}' / '{l}' contains a tab or newline");
            sb.Append(p).Append('\t').Append(l).Append('\n');
        }
        return new Dictionary<string, byte[]>
        {
            [LexiconFile] = Encoding.UTF8.GetBytes(sb.ToString()),
            [OptionsFile] = Encoding.UTF8.GetBytes($"{{\"case_sensitive\": {(caseSensitive ? "true" : "false")}}}\n"),
        };
    }

    /// <summary>Rebuilds the recognizer from its package files; its labels must be in the package schema.</summary>
    public static DictionaryRecognizer Load(ModelPackage package, PackageComponent component)
    {
        var location = $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, LexiconFile)}";
        var lexicon = ParseLexicon(package.ReadComponentText(component, LexiconFile), location);
        var caseSensitive = false;
        if (component.Files.Contains(OptionsFile))
        {
            // Unknown and duplicate keys, a wrong type and bad JSON: System.Text.Json through StrictJson, naming options.json.
            var where = $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, OptionsFile)}";
            var options = StrictJson.Deserialize<DictionaryOptionsJson>(package.ReadComponentText(component, OptionsFile), where, ErrorCodes.PackageMalformed);
            caseSensitive = options.CaseSensitive ?? false;
        }
        var recognizer = new DictionaryRecognizer(lexicon, caseSensitive);
        package.CheckLabels(component, recognizer.Produces);
        return recognizer;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public string? Label;
    }
}
