using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// Fills templates with lexicon concepts and writes one document, computing each entity's offsets while
/// the text is written (never by searching afterwards), so offsets are exact by construction.
/// Per document: distinct slot keys get distinct concepts; repeated mentions of a key are the same
/// concept, mostly with the same surface; a first mention by full name may be followed by its
/// abbreviation in parentheses (both are entities): the lexicon's, or one coined the way authors coin
/// them, which later mentions of the concept in the document then mostly use; a slot that starts a
/// sentence gets a capital.
/// Relations are emitted between every mention of the head slot and every mention of the tail slot of
/// the template that states them. Stateless: all randomness comes from the caller's <see cref="Random"/>.
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>Clinical-note registers (styles.json ids); the others are abstract-like. Case noise applies to notes only.</summary>
    public static readonly IReadOnlySet<string> NoteStyles = new HashSet<string>(StringComparer.Ordinal)
    {
        "discharge-summary", "progress-note", "radiology-report", "nursing-note", "medication-list", "ed-note", "consult-note", "operative-note",
    };

    private readonly IReadOnlyDictionary<string, ConceptPool> _entityPools;
    private readonly IReadOnlyDictionary<string, ConceptPool> _fillerPools;
    private readonly OfflineGeneratorOptions _options;
    private readonly HashSet<string> _knownSurfaces;

    public TemplateRenderer(IReadOnlyDictionary<string, ConceptPool> entityPools, IReadOnlyDictionary<string, ConceptPool> fillerPools, OfflineGeneratorOptions options)
    {
        _entityPools = entityPools;
        _fillerPools = fillerPools;
        _options = options;
        // A coined abbreviation must not be a surface of some other concept ("MI" for mitomycin).
        _knownSurfaces = entityPools.Values.Concat(fillerPools.Values).Distinct()
            .SelectMany(p => p.Lexicon.Entries.SelectMany(e => e.Variants.Prepend(e.Name)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public CandidateSample Render(IReadOnlyList<SentenceTemplate> templates, Random rng, bool shareConcepts)
    {
        if (templates.Count == 0) throw new ArgumentException("at least one template is needed", nameof(templates));
        var doc = new DocumentState();
        var used = new List<SentenceTemplate>();
        foreach (var template in templates)
        {
            var mark = (doc.Text.Length, doc.Entities.Count, doc.Relations.Count);
            if (used.Count > 0) doc.Text.Append(Separator(template, rng));
            RenderOne(template, doc, rng, shareConcepts);
            if (used.Count > 0 && doc.Text.Length > _options.MaxDocumentChars)
            {
                doc.Text.Length = mark.Item1;
                doc.Entities.RemoveRange(mark.Item2, doc.Entities.Count - mark.Item2);
                doc.Relations.RemoveRange(mark.Item3, doc.Relations.Count - mark.Item3);
                break;
            }
            used.Add(template);
        }

        var text = doc.Text.ToString();
        if (used.All(t => NoteStyles.Contains(t.Style)))
        {
            var roll = rng.NextDouble();
            // ToLowerInvariant/ToUpperInvariant map char for char, so offsets stay valid.
            if (roll < _options.LowercaseNoteShare) text = text.ToLowerInvariant();
            else if (roll < _options.LowercaseNoteShare + _options.UppercaseNoteShare) text = text.ToUpperInvariant();
        }
        var entities = doc.Entities.Select(e => e with { Text = text.Substring(e.Start!.Value, e.End!.Value - e.Start.Value) }).ToArray();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["context"] = string.Join(",", used.Select(t => t.Context).Distinct()),
            ["templates"] = used.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new CandidateSample(text, entities, doc.Relations.ToArray(), used[0].Style, string.Join("+", used.Select(t => t.Id)), Metadata: metadata);
    }

    private static string Separator(SentenceTemplate next, Random rng) =>
        NoteStyles.Contains(next.Style) && rng.NextDouble() < 0.5 ? "\n" : " ";

    private void RenderOne(SentenceTemplate template, DocumentState doc, Random rng, bool shareConcepts)
    {
        // Bind every slot key of the template to a concept.
        var binding = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slot in template.FirstOccurrences)
        {
            var pool = PoolOf(slot);
            var usedInPool = doc.UsedConcepts(pool.Name);
            if (shareConcepts && doc.Shared.TryGetValue(slot.Key, out var shared) && pool.InClasses(shared, slot.Classes)
                && !binding.Any(b => b.Value == shared && PoolOf(template, b.Key).Name == pool.Name))
            {
                binding[slot.Key] = shared;
                continue;
            }
            var candidates = pool.Candidates(slot.Classes);
            if (candidates.Count == 0)
                throw new TextMiningException(ErrorCodes.MalformedRecord,
                    $"slot {slot.Key}: lexicon '{pool.Name}' has no usable concept of class {string.Join(",", slot.Classes ?? [])}", template.Location);
            var taken = binding.Where(b => PoolOf(template, b.Key).Name == pool.Name).Select(b => b.Value).ToHashSet();
            var pick = -1;
            for (var attempt = 0; attempt < 64 && pick < 0; attempt++)
            {
                var c = pool.Pick(slot.Classes, rng);
                if (!usedInPool.Contains(c) && !taken.Contains(c)) pick = c;
            }
            if (pick < 0)
            {
                var free = candidates.Where(c => !taken.Contains(c)).ToArray();
                if (free.Length == 0)
                    throw new TextMiningException(ErrorCodes.MalformedRecord,
                        $"slot {slot.Key} needs a concept distinct from the template's other slots, but lexicon '{pool.Name}' has too few of class {string.Join(",", slot.Classes ?? [])}", template.Location);
                pick = free[rng.Next(free.Length)];
            }
            binding[slot.Key] = pick;
            usedInPool.Add(pick);
            if (shareConcepts) doc.Shared.TryAdd(slot.Key, pick);
        }

        var mentions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lowerFirstLiteral = false;
        if (rng.NextDouble() < _options.OpenerShare && SurfaceForms.StartsSentence(doc.Text) && CanTakeOpener(template, out lowerFirstLiteral))
        {
            var openers = NoteStyles.Contains(template.Style) ? NoteOpeners : AbstractOpeners;
            doc.Text.Append(openers[rng.Next(openers.Length)]);
        }
        for (var p = 0; p < template.Parts.Count; p++)
        {
            var part = template.Parts[p];
            if (part.Slot is not { } slot)
            {
                doc.Text.Append(p == 0 && lowerFirstLiteral ? char.ToLowerInvariant(part.Literal![0]) + part.Literal[1..] : part.Literal);
                continue;
            }
            var pool = PoolOf(slot);
            var id = (pool.Name, binding[slot.Key]);
            var concept = pool.Concepts[id.Item2];
            var isFirst = !doc.Previous.TryGetValue(id, out var last);
            var surface = isFirst ? FirstSurface(concept, rng)
                : slot.Alt ? AltSurface(concept, last!, rng)
                : doc.Abbreviation.TryGetValue(id, out var abbr) && rng.NextDouble() < 0.85 ? abbr
                : rng.NextDouble() < _options.RepeatSurfaceShare ? last!
                : concept.Nouns[rng.Next(concept.Nouns.Count)];
            doc.Previous[id] = surface;

            var written = SurfaceForms.StartsSentence(doc.Text) || rng.NextDouble() < _options.CapitalizedMentionShare
                ? SurfaceForms.CapitalizeFirst(surface)
                : surface;
            var start = doc.Text.Length;
            doc.Text.Append(written);
            if (slot.IsEntity) Mention(doc, mentions, slot, start);

            // A first mention by full name may define an abbreviation the rest of the document uses.
            var nextLiteral = p + 1 < template.Parts.Count ? template.Parts[p + 1].Literal : null;
            if (!isFirst || SurfaceForms.IsAbbreviation(surface) || (nextLiteral?.TrimStart().StartsWith('(') ?? false)) continue;
            string? defined = null;
            var coins = !NoteStyles.Contains(template.Style);
            if (!slot.IsEntity)
            {
                // Non-entity terms: as often defined as entities in real abstracts; doses are not abbreviated.
                if (!surface.Any(char.IsDigit) && rng.NextDouble() < _options.FillerAbbreviationShare)
                    defined = concept.Abbreviations.Count > 0 ? concept.Abbreviations[rng.Next(concept.Abbreviations.Count)]
                        : coins ? SurfaceForms.CoinAbbreviation(surface, rng) : null;
            }
            else if (concept.Abbreviations.Count > 0)
            {
                if (rng.NextDouble() < _options.ParentheticalAbbreviationShare)
                    defined = concept.Abbreviations[rng.Next(concept.Abbreviations.Count)];
            }
            else if (coins && rng.NextDouble() < _options.CoinedAbbreviationShare)
            {
                defined = SurfaceForms.CoinAbbreviation(surface, rng);
            }
            if (defined is not null && concept.Abbreviations.Count == 0 && _knownSurfaces.Contains(defined)) defined = null;
            if (defined is null || defined.Length + 2 >= surface.Length) continue;
            // Fillers define abbreviations too ("mean arterial pressure (MAP)"): the pattern alone must not mean "entity".
            doc.Text.Append(" (");
            var at = doc.Text.Length;
            doc.Text.Append(defined);
            if (slot.IsEntity) Mention(doc, mentions, slot, at);
            doc.Text.Append(')');
            doc.Abbreviation[id] = defined;
        }

        foreach (var r in template.Relations)
            foreach (var h in mentions[r.Head])
                foreach (var t in mentions[r.Tail])
                    doc.Relations.Add(new CandidateRelation(r.Label, h, t));
    }

    // Discourse openers: real sentences often start with one, and a model that only ever saw a capital at
    // the start of a sentence when an entity stood there tags "However" as a chemical.
    private static readonly string[] AbstractOpeners =
    [
        "However, ", "Moreover, ", "In addition, ", "Furthermore, ", "Thus, ", "Therefore, ", "In contrast, ", "Notably, ",
        "Interestingly, ", "Finally, ", "In this study, ", "In conclusion, ", "Overall, ", "Similarly, ", "Conversely, ",
        "In the present study, ", "Taken together, ", "Nevertheless, ", "As expected, ", "Surprisingly, ", "Importantly, ",
        "Consequently, ", "In summary, ", "On the other hand, ", "In particular, ", "At follow-up, ", "By contrast, ",
    ];

    private static readonly string[] NoteOpeners = ["Of note, ", "Also, ", "Overall, ", "Per patient, ", "Per family, ", "Today, ", "Since admission, ", "Otherwise, "];

    // First words of template sentences that read the same in lower case after an opener.
    private static readonly HashSet<string> LowerableStarts = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "We", "This", "These", "Our", "Both", "All", "After", "Among", "Patients", "Rats", "Mice",
        "Treatment", "Pretreatment", "Administration", "Exposure", "Chronic", "Repeated", "Here", "No", "There", "Animals",
        "Male", "Female", "Adding", "Coadministration", "Concomitant", "Intrastriatal", "Neonatal", "Long-term", "Most",
        "Several", "Some", "Two", "Three", "Six", "Dose-dependent", "Transient", "Severe", "Reversible", "Fatal", "Acute",
        "It", "Its", "Such", "Data", "Results", "Samples", "Tissue", "Changes", "Mean", "Expression", "Levels", "Monitoring",
        "Routine", "Genetic", "Reports", "Polymorphisms", "Inhibition", "Compared", "Using", "Whether", "Although", "Because",
    };

    private static bool CanTakeOpener(SentenceTemplate template, out bool lowerFirstLiteral)
    {
        lowerFirstLiteral = false;
        var first = template.Parts[0];
        if (first.Slot is not null) return true;
        var literal = first.Literal!;
        var end = 0;
        while (end < literal.Length && (char.IsLetter(literal[end]) || literal[end] == '-')) end++;
        if (end == 0 || end == literal.Length || !LowerableStarts.Contains(literal[..end])) return false;
        lowerFirstLiteral = true;
        return true;
    }

    private static void Mention(DocumentState doc, Dictionary<string, List<int>> mentions, TemplateSlot slot, int start)
    {
        var end = doc.Text.Length;
        if (!mentions.TryGetValue(slot.Key, out var list)) mentions[slot.Key] = list = new List<int>();
        list.Add(doc.Entities.Count);
        doc.Entities.Add(new CandidateEntity(doc.Text.ToString(start, end - start), slot.Label!, start, end));
    }

    private string FirstSurface(PoolConcept concept, Random rng) =>
        concept.Nouns.Count == 1 || rng.NextDouble() < _options.PreferredNameShare
            ? concept.Nouns[0]
            : concept.Nouns[rng.Next(concept.Nouns.Count)];

    private static string AltSurface(PoolConcept concept, string previous, Random rng)
    {
        var abbreviations = concept.Abbreviations.Where(a => !a.Equals(previous, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (abbreviations.Length > 0 && !SurfaceForms.IsAbbreviation(previous) && rng.NextDouble() < 0.6)
            return abbreviations[rng.Next(abbreviations.Length)];
        var others = concept.Nouns.Where(n => !n.Equals(previous, StringComparison.OrdinalIgnoreCase)).ToArray();
        return others.Length == 0 ? previous : others[rng.Next(others.Length)];
    }

    private ConceptPool PoolOf(TemplateSlot slot) => slot.IsEntity ? _entityPools[slot.Name] : _fillerPools[slot.Name];

    private ConceptPool PoolOf(SentenceTemplate template, string key) => PoolOf(template.FirstOccurrences.First(s => s.Key == key));

    private sealed class DocumentState
    {
        private readonly Dictionary<string, HashSet<int>> _used = new(StringComparer.Ordinal);

        public StringBuilder Text { get; } = new();
        public List<CandidateEntity> Entities { get; } = new();
        public List<CandidateRelation> Relations { get; } = new();

        /// <summary>The last surface written for a concept (pool, index) in this document.</summary>
        public Dictionary<(string, int), string> Previous { get; } = new();

        /// <summary>The abbreviation a concept was given in this document ("vancomycin (VCM)"), used by later mentions.</summary>
        public Dictionary<(string, int), string> Abbreviation { get; } = new();

        /// <summary>Slot key → concept, for documents whose templates share concepts.</summary>
        public Dictionary<string, int> Shared { get; } = new(StringComparer.Ordinal);

        public HashSet<int> UsedConcepts(string pool)
        {
            if (!_used.TryGetValue(pool, out var set)) _used[pool] = set = new HashSet<int>();
            return set;
        }
    }
}
