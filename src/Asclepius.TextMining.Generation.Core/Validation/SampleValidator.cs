using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Validation;

/// <summary>
/// Turns an untrusted <see cref="CandidateSample"/> into an <see cref="AnnotatedDocument"/> with
/// synthetic entities, or says why not. Order of checks: structure, empty, refusal, length caps,
/// entity labels, grounding of each mention in the text, overlaps, unlabeled repeats (when asked), relations.
/// Grounding: offsets that slice exactly to the mention are kept; otherwise the mention is searched
/// (case-sensitive, then case-insensitive, at word boundaries): one occurrence is used (and counted
/// as "repaired_offsets" when offsets had been given); none drops the entity ("entity_not_in_text");
/// several are resolved only when the mention's string occurs among the entities exactly as often as
/// in the text (the k-th such entity takes the k-th occurrence), else "ambiguous_mention".
/// It keeps no mutable state, so one validator may serve concurrent callers; deduplication is
/// <see cref="DuplicateIndex"/>'s job.
/// </summary>
public sealed class SampleValidator
{
    private readonly LabelSchema _schema;

    public SampleValidator(LabelSchema schema, ValidationOptions? options = null)
    {
        _schema = schema;
        Options = options ?? new ValidationOptions();
    }

    public ValidationOptions Options { get; }

    public LabelSchema Schema => _schema;

    public ValidationOutcome Validate(CandidateSample sample, string id, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (sample is null || sample.Entities is null || sample.Relations is null) return ValidationOutcome.Drop(DropReasons.MalformedSample);
        var text = sample.Text;
        if (string.IsNullOrWhiteSpace(text)) return ValidationOutcome.Drop(DropReasons.Empty);
        if (RefusalDetector.IsRefusal(text)) return ValidationOutcome.Drop(DropReasons.Refusal);
        if (text.Length > Options.MaxTextChars || sample.Entities.Count > Options.MaxEntities) return ValidationOutcome.Drop(DropReasons.TooLong);
        if (sample.Entities.Count == 0) return ValidationOutcome.Drop(DropReasons.NoEntities);
        foreach (var e in sample.Entities)
            if (e is null || string.IsNullOrEmpty(e.Text) || string.IsNullOrWhiteSpace(e.Label)) return ValidationOutcome.Drop(DropReasons.MalformedSample);

        var entityDrops = new Dictionary<string, int>();
        var repairs = new Dictionary<string, int>();
        var spans = new TextSpan?[sample.Entities.Count];
        for (var i = 0; i < sample.Entities.Count; i++)
        {
            var e = sample.Entities[i];
            if (!_schema.HasEntity(e.Label)) { Count(entityDrops, DropReasons.UnknownLabel); continue; }
            var (span, reason, repaired) = Ground(text, sample.Entities, i);
            if (span is null) { Count(entityDrops, reason!); continue; }
            if (repaired) Count(repairs, DropReasons.RepairedOffsets);
            spans[i] = span;
        }

        var grounded = spans.Count(s => s is not null);
        if (grounded == 0) return ValidationOutcome.Drop(DropReasons.NoEntities, entityDrops);
        if (grounded < spans.Length && Options.DropSampleOnPartialEntities) return ValidationOutcome.Drop(DropReasons.PartialEntities, entityDrops);

        // Merge mentions listed twice (same span, same label); any other overlap is a conflict.
        var order = Enumerable.Range(0, spans.Length).Where(i => spans[i] is not null)
            .OrderBy(i => spans[i]!.Value.Start).ThenBy(i => spans[i]!.Value.End).ToList();
        var canonical = new int[spans.Length];
        Array.Fill(canonical, -1);
        var kept = new List<int>();
        foreach (var i in order)
        {
            if (kept.Count > 0)
            {
                var last = kept[^1];
                var a = spans[last]!.Value;
                var b = spans[i]!.Value;
                if (a == b && sample.Entities[last].Label == sample.Entities[i].Label)
                {
                    canonical[i] = last;
                    Count(repairs, DropReasons.MergedDuplicateEntities);
                    continue;
                }
                if (a.Overlaps(b)) return ValidationOutcome.Drop(DropReasons.OverlappingEntities, entityDrops);
            }
            canonical[i] = i;
            kept.Add(i);
        }

        if (Options.DropUnlabeledRepeats && HasUnlabeledRepeat(text, kept.Select(i => spans[i]!.Value).ToList()))
            return ValidationOutcome.Drop(DropReasons.UnlabeledRepeat, entityDrops);

        var entityIds = new Dictionary<int, string>();
        var entities = new List<Entity>(kept.Count);
        foreach (var i in kept)
        {
            var entityId = $"T{entities.Count + 1}";
            entityIds[i] = entityId;
            entities.Add(new Entity(entityId, spans[i]!.Value, sample.Entities[i].Label, Source: AnnotationSource.Synthetic));
        }

        var relations = new List<Relation>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var r in sample.Relations)
        {
            if (r is null || string.IsNullOrWhiteSpace(r.Label)) return ValidationOutcome.Drop(DropReasons.MalformedSample, entityDrops);
            if (r.Head < 0 || r.Head >= spans.Length || r.Tail < 0 || r.Tail >= spans.Length)
                return ValidationOutcome.Drop(DropReasons.DanglingRelation, entityDrops);
            var head = canonical[r.Head];
            var tail = canonical[r.Tail];
            if (head < 0 || tail < 0) continue; // its entity was dropped (only when partial samples are kept)
            if (head == tail) return ValidationOutcome.Drop(DropReasons.DanglingRelation, entityDrops);
            var type = _schema.FindRelation(r.Label);
            if (type is null || !type.Allows(sample.Entities[head].Label, sample.Entities[tail].Label))
                return ValidationOutcome.Drop(DropReasons.RelationTypeNotAllowed, entityDrops);
            if (!seen.Add((r.Label, entityIds[head], entityIds[tail]))) { Count(repairs, DropReasons.MergedDuplicateRelations); continue; }
            relations.Add(new Relation($"R{relations.Count + 1}", r.Label, entityIds[head], entityIds[tail], Source: AnnotationSource.Synthetic));
        }

        var document = new AnnotatedDocument(new Document(id, text, metadata), entities, relations);
        return new ValidationOutcome(document, null, entityDrops, repairs);
    }

    /// <summary>A labeled string that occurs again (any case, at word boundaries) where no entity covers it.</summary>
    private static bool HasUnlabeledRepeat(string text, List<TextSpan> spans)
    {
        foreach (var mention in spans.Select(sp => text[sp.Start..sp.End]).Distinct(StringComparer.OrdinalIgnoreCase))
            foreach (var at in MentionLocator.FindAll(text, mention, StringComparison.OrdinalIgnoreCase))
                if (!spans.Any(sp => sp.Overlaps(new TextSpan(at, at + mention.Length)))) return true;
        return false;
    }

    private static (TextSpan? Span, string? Reason, bool Repaired) Ground(string text, IReadOnlyList<CandidateEntity> all, int index)
    {
        var e = all[index];
        var offsetsGiven = e.Start is not null || e.End is not null;
        if (e.Start is { } s && e.End is { } end && s >= 0 && end <= text.Length && end - s == e.Text.Length
            && string.CompareOrdinal(text, s, e.Text, 0, e.Text.Length) == 0)
            return (new TextSpan(s, end), null, false);

        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            var found = MentionLocator.FindAll(text, e.Text, comparison);
            if (found.Count == 0) continue;
            if (found.Count == 1) return (new TextSpan(found[0], found[0] + e.Text.Length), null, offsetsGiven);

            // The same string claimed k times among the entities and found k times in the text: pair them in order.
            var rank = 0;
            var total = 0;
            for (var j = 0; j < all.Count; j++)
            {
                if (!string.Equals(all[j].Text, e.Text, comparison)) continue;
                if (j < index) rank++;
                total++;
            }
            if (total == found.Count) return (new TextSpan(found[rank], found[rank] + e.Text.Length), null, offsetsGiven);
            return (null, DropReasons.AmbiguousMention, false);
        }
        return (null, DropReasons.EntityNotInText, false);
    }

    private static void Count(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
