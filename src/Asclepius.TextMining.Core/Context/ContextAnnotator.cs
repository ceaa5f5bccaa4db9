using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// The ConText algorithm (Harkema et al. 2009) over sentences of the clinical tokenizer, with rules from a
/// <see cref="ContextRuleSet"/>. Per sentence: triggers are matched left to right, longest literal first,
/// so a pseudo-trigger ("no change") hides the trigger inside it; each trigger's scope runs in its
/// direction to the sentence edge, a terminator of its category ("but"), or its maximum scope in words;
/// every entity that overlaps a scope gets the trigger's flag, added to the flags it already has
/// (sections may have set Historical or Family first).
/// Two clinical habits need more than the textbook algorithm:
/// - A trigger inside an entity ("no headache" tagged as one mention) still applies when it opens the
///   entity (forward) or closes it (backward, "pain free"); a trigger in the middle of a long mention
///   ("disc bulge without canal compromise") modifies the tail, not the mention. medspaCy drops
///   triggers that overlap a target and so loses the first case.
/// - List forms: a trigger right after ':' that ends its list item ("fever: none", "chills: no,") is a
///   value: it governs only its own item, back to the previous ',', ';' or ':'. A terminating ':' or ','
///   right after a forward trigger ("denies: chest pain, dyspnea") is skipped, not a terminator.
/// Immutable and thread-safe.
/// </summary>
public sealed class ContextAnnotator : IEntityAnnotator
{
    public const string ComponentKind = "Context.Rules.v1";

    private readonly Dictionary<string, ContextRule[]> _byFirstToken;

    public ContextAnnotator(ContextRuleSet rules)
    {
        Rules = rules;
        _byFirstToken = rules.Rules
            .GroupBy(r => r.Tokens[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Tokens.Count).ToArray(), StringComparer.Ordinal);
    }

    public static ContextAnnotator Default { get; } = new(ContextRuleSet.Default);

    public ContextRuleSet Rules { get; }

    public string Kind => ComponentKind;

    public IReadOnlyList<Entity> Annotate(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        if (entities.Count == 0) return entities;
        var cache = new Dictionary<int, IReadOnlyList<ContextModifier>>();
        var result = new Entity[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            var flags = Assertions.None;
            foreach (var sentence in SentencesOf(tokens, entity.Span))
            {
                if (!cache.TryGetValue(sentence.Index, out var modifiers))
                    cache[sentence.Index] = modifiers = FindModifiers(sentence.Tokens);
                var (a, b) = TokenRange(sentence.Tokens, entity.Span);
                if (a < b)
                    flags |= Assess(modifiers, sentence.Tokens, a, b, entity.Label,
                        startsHere: entity.Span.Start >= sentence.Span.Start, endsHere: entity.Span.End <= sentence.Span.End);
            }
            result[i] = flags == Assertions.None ? entity : entity with { Assertions = entity.Assertions | flags };
        }
        return result;
    }

    /// <summary>
    /// The assertion flags the rules give a mention of <paramref name="label"/> at tokens [a, b) of a
    /// sentence. A mention split over sentences passes whether it starts and ends in this one: a trigger
    /// that opens the second half of a mention does not open the mention.
    /// </summary>
    public Assertions Assess(IReadOnlyList<ContextModifier> modifiers, IReadOnlyList<Token> sentence, int a, int b, string label, bool startsHere = true, bool endsHere = true)
    {
        var flags = Assertions.None;
        // The first and last word of the mention: leading or trailing punctuation does not count.
        var first = a;
        while (first < b - 1 && !IsWord(sentence[first].Text)) first++;
        var last = b;
        while (last > first + 1 && !IsWord(sentence[last - 1].Text)) last--;
        if (!startsHere) first = -1;
        if (!endsHere) last = -1;
        foreach (var m in modifiers)
        {
            if (!m.Rule.AppliesTo(label)) continue;
            if (m.Start >= a && m.End <= b)
            {
                // Trigger inside the mention: applies when it opens or closes it.
                var forward = m.Rule.Direction is ContextDirection.Forward or ContextDirection.Bidirectional && m.ScopeEnd > m.End;
                var backward = m.Rule.Direction is ContextDirection.Backward or ContextDirection.Bidirectional || m.ScopeEnd <= m.Start;
                if ((forward && m.Start == first && m.End < last) || (backward && m.End == last && m.Start > first))
                    flags |= m.Rule.Flag;
            }
            else if (m.Covers(a, b))
            {
                flags |= m.Rule.Flag;
            }
        }
        return flags;
    }

    /// <summary>Every trigger of one sentence with its scope (token indexes within the sentence).</summary>
    public IReadOnlyList<ContextModifier> FindModifiers(IReadOnlyList<Token> sentence)
    {
        var n = sentence.Count;
        if (n == 0) return Array.Empty<ContextModifier>();
        var words = new string[n];
        for (var i = 0; i < n; i++) words[i] = sentence[i].Text.ToLowerInvariant();

        var triggers = new List<(ContextRule Rule, int Start, int End)>();
        // Categories ended by a terminator that starts / ends at a token.
        var terminatesFrom = new HashSet<ContextCategory>?[n];
        var terminatesTo = new HashSet<ContextCategory>?[n];
        var i0 = 0;
        while (i0 < n)
        {
            var matched = Match(words, i0);
            if (matched.Count == 0) { i0++; continue; }
            var len = matched[0].Tokens.Count;
            foreach (var rule in matched)
            {
                if (rule.Category == ContextCategory.Terminate)
                {
                    (terminatesFrom[i0] ??= new()).UnionWith(rule.Terminates);
                    (terminatesTo[i0 + len - 1] ??= new()).UnionWith(rule.Terminates);
                }
                else if (rule.IsTrigger)
                {
                    triggers.Add((rule, i0, i0 + len));
                }
            }
            i0 += len;
        }
        if (triggers.Count == 0) return Array.Empty<ContextModifier>();

        // Parenthesis nesting: a trigger inside "( … )" governs only the parenthetical.
        var level = new int[n];
        var depth = 0;
        for (var i = 0; i < n; i++)
        {
            if (words[i] is ")" or "]" && depth > 0) depth--;
            level[i] = depth;
            if (words[i] is "(" or "[") depth++;
        }

        var modifiers = new List<ContextModifier>(triggers.Count);
        foreach (var (rule, s, e) in triggers)
        {
            var max = rule.MaxScope ?? Rules.MaxScope;
            if (IsListValue(words, s, e))
            {
                var from = s - 1; // the ':'
                while (from > 0 && words[from - 1] is not ("," or ";" or ":")) from--;
                modifiers.Add(new ContextModifier(rule, s, e, from, s - 1));
                continue;
            }
            int scopeStart = s, scopeEnd = e;
            if (rule.Direction is ContextDirection.Forward or ContextDirection.Bidirectional)
                scopeEnd = ForwardEnd(words, level, terminatesFrom, rule.Category, e, max, level[s]);
            if (rule.Direction is ContextDirection.Backward or ContextDirection.Bidirectional)
                scopeStart = BackwardStart(words, level, terminatesTo, rule.Category, s, max, level[s]);
            modifiers.Add(new ContextModifier(rule, s, e, scopeStart, scopeEnd));
        }
        return modifiers;
    }

    private List<ContextRule> Match(string[] words, int at)
    {
        var found = new List<ContextRule>();
        if (!_byFirstToken.TryGetValue(words[at], out var candidates)) return found;
        foreach (var rule in candidates)
        {
            if (found.Count > 0 && rule.Tokens.Count < found[0].Tokens.Count) break;
            if (at + rule.Tokens.Count > words.Length) continue;
            var ok = true;
            for (var k = 1; k < rule.Tokens.Count && ok; k++) ok = words[at + k] == rule.Tokens[k];
            if (ok) found.Add(rule);
        }
        return found;
    }

    private static int ForwardEnd(string[] words, int[] level, HashSet<ContextCategory>?[] terminatesFrom, ContextCategory category, int from, int max, int triggerLevel)
    {
        var count = 0;
        var j = from;
        while (j < words.Length)
        {
            if (level[j] < triggerLevel) break;
            if (terminatesFrom[j] is { } t && t.Contains(category) && !(j == from && !IsWord(words[j]))) break;
            if (IsWord(words[j]) && ++count > max) break;
            j++;
        }
        return j;
    }

    private static int BackwardStart(string[] words, int[] level, HashSet<ContextCategory>?[] terminatesTo, ContextCategory category, int from, int max, int triggerLevel)
    {
        var count = 0;
        var j = from;
        while (j > 0)
        {
            var k = j - 1;
            if (level[k] < triggerLevel) break;
            if (terminatesTo[k] is { } t && t.Contains(category) && !(k == from - 1 && !IsWord(words[k]))) break;
            if (IsWord(words[k]) && ++count > max) break;
            j--;
        }
        return j;
    }

    /// <summary>"fever: none" / "chills: no," — the trigger follows ':' and ends its list item.</summary>
    private static bool IsListValue(string[] words, int s, int e) =>
        s > 0 && words[s - 1] == ":" && (e == words.Length || words[e] is "," or ";" or "." or ")");

    private static bool IsWord(string token)
    {
        foreach (var c in token) if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    internal static IEnumerable<Sentence> SentencesOf(TokenizedText tokens, TextSpan span)
    {
        // Sentences are in text order: find the first that ends after the span starts, then walk on.
        var sentences = tokens.Sentences;
        int lo = 0, hi = sentences.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sentences[mid].Span.End <= span.Start) lo = mid + 1;
            else hi = mid;
        }
        for (var i = lo; i < sentences.Count; i++)
        {
            var s = sentences[i];
            if (s.Span.Start >= span.End && span.Length > 0) yield break;
            if (s.Span.Overlaps(span) || (span.Length == 0 && s.Span.Contains(span.Start))) yield return s;
        }
    }

    /// <summary>The sentence tokens [a, b) that overlap a character span.</summary>
    internal static (int A, int B) TokenRange(IReadOnlyList<Token> sentence, TextSpan span)
    {
        var a = -1;
        var b = -1;
        for (var i = 0; i < sentence.Count; i++)
        {
            if (!sentence[i].Span.Overlaps(span)) continue;
            if (a < 0) a = i;
            b = i + 1;
        }
        return a < 0 ? (0, 0) : (a, b);
    }
}
