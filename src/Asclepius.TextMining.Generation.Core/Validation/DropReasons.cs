namespace Asclepius.TextMining.Generation.Validation;

/// <summary>
/// The reasons a candidate sample, or one of its entities, is not kept. These strings are the keys of
/// run.json's "dropped", "dropped_entities" and "repaired" maps: never rename one.
/// </summary>
public static class DropReasons
{
    // Sample level (run.json "dropped").
    public const string Empty = "empty";
    public const string Refusal = "refusal";
    public const string TooLong = "too_long";
    public const string MalformedSample = "malformed_sample";
    public const string NoEntities = "no_entities";
    public const string PartialEntities = "partial_entities";
    public const string OverlappingEntities = "overlapping_entities";
    public const string RelationTypeNotAllowed = "relation_type_not_allowed";
    public const string DanglingRelation = "dangling_relation";
    public const string Duplicate = "duplicate";
    public const string NearDuplicate = "near_duplicate";
    public const string UnlabeledRepeat = "unlabeled_repeat";

    // Answer level, reported by LLM generators (one per answer, since the number of samples is unknown).
    public const string MalformedJson = "malformed_json";
    public const string TruncatedAnswer = "truncated_answer";
    public const string EmptyAnswer = "empty_answer";
    public const string ContentFilter = "content_filter";
    public const string VerifyRejected = "verify_rejected";
    public const string VerifyMalformed = "verify_malformed";

    // Entity level (run.json "dropped_entities").
    public const string EntityNotInText = "entity_not_in_text";
    public const string AmbiguousMention = "ambiguous_mention";
    public const string UnknownLabel = "unknown_label";

    // Repairs on kept samples (run.json "repaired").
    public const string RepairedOffsets = "repaired_offsets";
    public const string MergedDuplicateEntities = "merged_duplicate_entities";
    public const string MergedDuplicateRelations = "merged_duplicate_relations";
}
