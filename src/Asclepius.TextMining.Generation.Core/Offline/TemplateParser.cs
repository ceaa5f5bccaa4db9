using System.Globalization;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// Parses data/templates/&lt;schema&gt;.jsonl strictly (the format is in data/README.md): every line is an
/// object with exactly the keys id, schema, style, relation, text, relations, context; slot labels,
/// lexicons, classes, relation labels, relation ends and allowed pairs are checked against the
/// vocabulary. The first problem stops the load with an error naming file:line and what is allowed,
/// because a template that silently renders wrong teaches a model wrong labels.
/// </summary>
public static class TemplateParser
{
    private static readonly string[] SlotOptions = ["class=a,b", "alt"];

    public static IReadOnlyList<SentenceTemplate> Load(string path, TemplateVocabulary vocabulary)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "template file not found", path);
        return Parse(File.ReadAllLines(path), path, vocabulary);
    }

    public static IReadOnlyList<SentenceTemplate> Parse(IEnumerable<string> lines, string file, TemplateVocabulary vocabulary)
    {
        var templates = new List<SentenceTemplate>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = lineNo == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{file}:{lineNo}";
            var t = ParseLine(line, where, vocabulary);
            if (!ids.Add(t.Id)) throw Fail(ErrorCodes.DuplicateId, $"template id '{t.Id}' appears twice", where);
            templates.Add(t);
        }
        if (templates.Count == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "the template file has no templates", file);
        return templates;
    }

    public static SentenceTemplate ParseLine(string line, string where, TemplateVocabulary vocabulary)
    {
        // Bad JSON, unknown, duplicate and missing keys, wrong types: System.Text.Json through StrictJson, naming file:line.
        var json = StrictJson.Deserialize<TemplateJson>(line, where, ErrorCodes.MalformedRecord);

        var schema = vocabulary.Schema;
        var id = RequiredString(json.Id, "id", where);
        var schemaName = RequiredString(json.Schema, "schema", where);
        if (schemaName != schema.Name)
            throw Fail(ErrorCodes.SchemaInvalid, $"template '{id}' is for schema '{schemaName}', but this file is loaded for '{schema.Name}'", where);
        var style = RequiredString(json.Style, "style", where);
        if (vocabulary.StyleIds is { } styles && !styles.Contains(style))
            throw Fail(ErrorCodes.MalformedRecord, $"unknown style '{style}'; known styles: {string.Join(", ", styles.Order(StringComparer.Ordinal))}", where);
        var context = RequiredString(json.Context, "context", where);
        if (!TemplateVocabulary.Contexts.Contains(context))
            throw Fail(ErrorCodes.MalformedRecord, $"unknown context '{context}'; allowed: {string.Join(", ", TemplateVocabulary.Contexts)}", where);

        var relation = json.Relation;
        if (relation is not null && schema.FindRelation(relation) is null)
            throw Fail(ErrorCodes.LabelNotInSchema, $"unknown relation '{relation}'; schema '{schema.Name}' has: {string.Join(", ", schema.RelationLabels)}", where);

        var parts = ParseText(RequiredString(json.Text, "text", where), where, vocabulary);
        var slots = parts.Where(p => p.Slot is not null).Select(p => p.Slot!).ToList();
        // A template with no entity slot (fillers only, or plain text) is a companion: it joins other
        // templates in a document, never alone.

        var relations = ParseRelations(json.Relations, where, vocabulary, slots);
        if (relation is not null && relations.All(r => r.Label != relation))
            throw Fail(ErrorCodes.MalformedRecord, $"'relation' is '{relation}' but no entry of 'relations' has that label", where);
        if (context == "negated" && relation is not null)
            throw Fail(ErrorCodes.MalformedRecord, "a negated template states no relation: set 'relation' to null", where);

        return new SentenceTemplate(id, schemaName, style, relation, context, parts, relations, where);
    }

    /// <summary>Splits a template text into literal parts and slots. Braces appear only as slot delimiters.</summary>
    public static IReadOnlyList<TemplatePart> ParseText(string text, string where, TemplateVocabulary vocabulary)
    {
        var parts = new List<TemplatePart>();
        var seen = new Dictionary<string, TemplateSlot>(StringComparer.Ordinal);
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '}') throw Fail(ErrorCodes.MalformedRecord, $"'}}' without an opening '{{' at character {i} of the text", where);
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var close = text.IndexOf('}', i + 1);
            if (close < 0) throw Fail(ErrorCodes.MalformedRecord, $"slot opened at character {i} of the text is never closed", where);
            var inner = text.Substring(i + 1, close - i - 1);
            if (inner.Contains('{')) throw Fail(ErrorCodes.MalformedRecord, $"slot opened at character {i} of the text contains another '{{'", where);
            var slot = ParseSlot(inner, where, vocabulary);

            if (seen.TryGetValue(slot.Key, out var first))
            {
                if (slot.Classes is not null && !SameClasses(first.Classes, slot.Classes))
                    throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}} repeats {slot.Key} with a different class option than its first mention", where);
                slot = slot with { Classes = first.Classes };
            }
            else
            {
                if (slot.Alt) throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: 'alt' marks a later mention, but this is the first mention of {slot.Key}", where);
                seen[slot.Key] = slot;
            }
            if (literal.Length > 0) { parts.Add(TemplatePart.Text(literal.ToString())); literal.Clear(); }
            parts.Add(TemplatePart.For(slot));
            i = close + 1;
        }
        if (literal.Length > 0) parts.Add(TemplatePart.Text(literal.ToString()));
        return parts;
    }

    private static TemplateSlot ParseSlot(string inner, string where, TemplateVocabulary vocabulary)
    {
        var pieces = inner.Split('|');
        var head = pieces[0];
        var colon = head.LastIndexOf(':');
        if (colon <= 0 || colon == head.Length - 1)
            throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}} must look like {{Label:n}} or {{~lexicon:n}}", where);
        var name = head[..colon];
        if (!int.TryParse(head[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: '{head[(colon + 1)..]}' is not a slot number (1, 2, ...)", where);

        var isEntity = !name.StartsWith('~');
        Prompts.Lexicon lexicon;
        if (isEntity)
        {
            if (!vocabulary.Schema.HasEntity(name))
                throw Fail(ErrorCodes.LabelNotInSchema, $"slot {{{inner}}}: unknown label '{name}'; schema '{vocabulary.Schema.Name}' has: {string.Join(", ", vocabulary.Schema.EntityLabels)}", where);
            if (!vocabulary.EntityLexicons.TryGetValue(name, out lexicon!))
                throw Fail(ErrorCodes.SchemaInvalid, $"slot {{{inner}}}: label '{name}' has no lexicon in schema '{vocabulary.Schema.Name}', so it cannot be filled", where);
        }
        else
        {
            name = name[1..];
            if (!vocabulary.FillerLexicons.TryGetValue(name, out lexicon!))
                throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: unknown lexicon '{name}'; known: {string.Join(", ", vocabulary.FillerLexicons.Keys.Order(StringComparer.Ordinal))}", where);
        }

        IReadOnlyList<string>? classes = null;
        var alt = false;
        foreach (var option in pieces.Skip(1))
        {
            if (option == "alt")
            {
                if (alt) throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: 'alt' given twice", where);
                alt = true;
            }
            else if (option.StartsWith("class=", StringComparison.Ordinal))
            {
                if (classes is not null) throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: 'class=' given twice", where);
                var list = option["class=".Length..].Split(',');
                var known = lexicon.Entries.Select(e => e.Class).ToHashSet(StringComparer.Ordinal);
                foreach (var cls in list)
                    if (!known.Contains(cls))
                        throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: lexicon '{lexicon.Name}' has no class '{cls}'; its classes: {string.Join(", ", known.Order(StringComparer.Ordinal))}", where);
                classes = list;
            }
            else
            {
                throw Fail(ErrorCodes.MalformedRecord, $"slot {{{inner}}}: unknown option '{option}'; allowed options: {string.Join(", ", SlotOptions)}", where);
            }
        }
        var key = (isEntity ? name : "~" + name) + ":" + number.ToString(CultureInfo.InvariantCulture);
        return new TemplateSlot(key, name, number, isEntity, classes, alt);
    }

    private static IReadOnlyList<TemplateRelation> ParseRelations(IReadOnlyList<TemplateRelationJson?>? array, string where, TemplateVocabulary vocabulary, IReadOnlyList<TemplateSlot> slots)
    {
        if (array is null) throw Fail(ErrorCodes.MalformedRecord, "'relations' must be an array", where);
        var schema = vocabulary.Schema;
        var labels = slots.Where(s => s.IsEntity).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var result = new List<TemplateRelation>();
        for (var index = 0; index < array.Count; index++)
        {
            var at = $"{where}: relations[{index}]";
            var item = array[index] ?? throw Fail(ErrorCodes.MalformedRecord, "each relation must be an object", at);
            var label = RequiredString(item.Label, "label", at);
            var head = RequiredString(item.Head, "head", at);
            var tail = RequiredString(item.Tail, "tail", at);
            var type = schema.FindRelation(label)
                ?? throw Fail(ErrorCodes.LabelNotInSchema, $"unknown relation '{label}'; schema '{schema.Name}' has: {string.Join(", ", schema.RelationLabels)}", at);
            if (!labels.TryGetValue(head, out var headLabel))
                throw Fail(ErrorCodes.DanglingReference, $"head '{head}' is not an entity slot of the text; slots: {string.Join(", ", labels.Keys)}", at);
            if (!labels.TryGetValue(tail, out var tailLabel))
                throw Fail(ErrorCodes.DanglingReference, $"tail '{tail}' is not an entity slot of the text; slots: {string.Join(", ", labels.Keys)}", at);
            if (head == tail) throw Fail(ErrorCodes.MalformedRecord, $"head and tail are the same slot '{head}'", at);
            if (!type.Allows(headLabel, tailLabel))
                throw Fail(ErrorCodes.LabelNotInSchema, $"relation '{label}' does not allow ({headLabel}, {tailLabel}); allowed: {string.Join(", ", type.Pairs.Select(p => $"({p.Head}, {p.Tail})"))}", at);
            if (result.Any(r => r.Label == label && r.Head == head && r.Tail == tail))
                throw Fail(ErrorCodes.DuplicateId, $"relation {label} {head} → {tail} is listed twice", at);
            result.Add(new TemplateRelation(label, head, tail));
        }
        return result;
    }

    private static bool SameClasses(IReadOnlyList<string>? a, IReadOnlyList<string> b) =>
        a is not null && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string RequiredString(string? value, string key, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw Fail(ErrorCodes.MalformedRecord, $"'{key}' must be a non-empty string", where) : value;

    private static TextMiningException Fail(string code, string reason, string where) => new(code, reason, where);
}
