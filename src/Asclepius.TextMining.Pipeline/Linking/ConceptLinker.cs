using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// Link.Dictionary.v1: gives each entity the concept of the site's vocabulary its text names. A mention
/// that is an abbreviation the note defines ("NMS" after "neuroleptic malignant syndrome (NMS)") is looked
/// up by its long form first. Then: the exact normalized name (<see cref="TermNormalizer"/>, score 1), else
/// the nearest name by character 3-gram TF-IDF cosine (<see cref="TrigramIndex"/>) when it reaches the
/// threshold, else no concept. Only concepts of the domains/vocabularies configured for the entity's label
/// are candidates. Sets <see cref="Entity.Link"/> and <see cref="Entity.Concept"/> (so relations group
/// mentions by concept); an entity not linked, or one that already names a concept, is left as it was. Component files: <see cref="ConceptVocabulary.FileName"/>
/// and <see cref="LinkerOptions.FileName"/>. Thread-safe.
/// </summary>
public sealed class ConceptLinker : IEntityAnnotator
{
    public const string ComponentKind = "Link.Dictionary.v1";
    public const string ComponentName = "linker";

    public ConceptLinker(ConceptVocabulary vocabulary, LinkerOptions options)
    {
        Vocabulary = vocabulary;
        Options = options;
    }

    public string Kind => ComponentKind;
    public ConceptVocabulary Vocabulary { get; }
    public LinkerOptions Options { get; }

    public IReadOnlyList<Entity> Annotate(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        if (entities.Count == 0) return entities;
        var abbreviations = AbbreviationFinder.Find(document.Text);
        var seen = new Dictionary<(string Label, string Text), ConceptLink?>();
        var result = new Entity[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            // An entity that already names a concept (gold entities given for relation scoring) keeps it.
            if (e.Concept is not null) { result[i] = e; continue; }
            var text = document.Slice(e.Span);
            if (!seen.TryGetValue((e.Label, text), out var link))
                seen[(e.Label, text)] = link = Link(text, e.Label, abbreviations);
            result[i] = link is null ? e : e with { Concept = link.Id, Link = link };
        }
        return result;
    }

    /// <summary>The concept for one mention, or null: below the threshold, no candidate, or a label not linked.</summary>
    public ConceptLink? Link(string text, string label, IReadOnlyDictionary<string, string>? abbreviations = null)
    {
        var best = Candidate(text, label, abbreviations);
        return best is not null && best.Score >= Options.Threshold ? best : null;
    }

    /// <summary>The best candidate whatever its score (to choose a threshold on dev); null when there is none.</summary>
    public ConceptLink? Candidate(string text, string label, IReadOnlyDictionary<string, string>? abbreviations = null)
    {
        if (Options.ScopeOf(label) is not { } scope) return null;
        if (abbreviations is not null && LongForm(abbreviations, text.Trim()) is { } longForm
            && Candidate(TermNormalizer.Normalize(longForm), scope) is { } expanded
            && expanded.Score >= Options.Threshold)
            return expanded;
        return Candidate(TermNormalizer.Normalize(text), scope);
    }

    // Exact short form first; then ignoring case ("CYA" after "cyclosporin A (CyA)"), then a plural ("OCs").
    private static string? LongForm(IReadOnlyDictionary<string, string> abbreviations, string text)
    {
        if (abbreviations.TryGetValue(text, out var exact)) return exact;
        foreach (var (shortForm, longForm) in abbreviations)
            if (string.Equals(shortForm, text, StringComparison.OrdinalIgnoreCase)
                || (text.Length > 2 && text[^1] == 's' && string.Equals(shortForm, text[..^1], StringComparison.Ordinal)))
                return longForm;
        return null;
    }

    private ConceptLink? Candidate(string normalized, LabelScope scope)
    {
        if (normalized.Length == 0) return null;
        if (Vocabulary.TryExact(normalized, out var term) && Vocabulary.Best(term, scope) is { } exact)
            return ToLink(exact, 1.0);
        var (nearest, score) = Vocabulary.Index.Search(normalized, t => Vocabulary.Best(t, scope) is not null);
        return nearest < 0 ? null : ToLink(Vocabulary.Best(nearest, scope)!.Value, score);
    }

    private static ConceptLink ToLink((VocabularyConcept Target, VocabularyConcept Source) c, double score) =>
        new(c.Target.Id, c.Target.Vocabulary, c.Target.Name, score, c.Source.Id == c.Target.Id ? null : c.Source.Id);

    /// <summary>The component files for a vocabulary and its options.</summary>
    public static Dictionary<string, byte[]> Files(ConceptVocabulary vocabulary, LinkerOptions options) => new(StringComparer.Ordinal)
    {
        [ConceptVocabulary.FileName] = vocabulary.ToBytes(),
        [LinkerOptions.FileName] = options.ToBytes(),
    };

    /// <summary>Adds (or replaces) the linker in a package: after the recognizer and annotators, before relations, which group mentions by its concepts.</summary>
    public static ModelPackageBuilder AddTo(ModelPackageBuilder builder, IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var required in new[] { ConceptVocabulary.FileName, LinkerOptions.FileName })
            if (!files.ContainsKey(required)) throw new ArgumentException($"the linker needs {required}");
        builder.RemoveComponent(ComponentName);
        var later = builder.Components.Where(c => c.Kind.StartsWith("Rel.", StringComparison.Ordinal)).ToArray();
        var laterFiles = later.Select(c => (c, Files: builder.ComponentFiles(c.Name))).ToArray();
        foreach (var c in later) builder.RemoveComponent(c.Name);
        builder.AddComponent(ComponentName, ComponentKind, files);
        foreach (var (c, f) in laterFiles) builder.AddComponent(c.Name, c.Kind, f);
        return builder;
    }

    public static ConceptLinker Load(ModelPackage package, PackageComponent component)
    {
        var where = $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, ConceptVocabulary.FileName)}";
        var options = LinkerOptions.Parse(package.ReadComponentText(component, LinkerOptions.FileName), $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, LinkerOptions.FileName)}");
        using var stream = new MemoryStream(package.ReadComponentFile(component, ConceptVocabulary.FileName), writable: false);
        return new ConceptLinker(ConceptVocabulary.Read(stream, where), options);
    }
}
