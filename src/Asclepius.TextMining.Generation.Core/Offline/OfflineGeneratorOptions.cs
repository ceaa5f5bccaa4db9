using System.Text.Json.Serialization;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// How the offline generator varies its output. The defaults aim at data a model generalises from:
/// some multi-sentence documents (abstracts and notes are not single sentences), synonyms and
/// abbreviations, a little case noise. Every value is part of the generator's identity (run.json's model),
/// so a run continues only with the options it started with.
/// </summary>
public sealed record OfflineGeneratorOptions
{
    /// <summary>Share of documents made of several templates (an abstract or a note rather than one sentence).</summary>
    public double MultiTemplateShare { get; init; } = 0.35;

    /// <summary>Most templates in one document (at least 2 when a document is multi-template).</summary>
    public int MaxTemplatesPerDocument { get; init; } = 5;

    /// <summary>A multi-template document stops growing before it passes this many characters.</summary>
    public int MaxDocumentChars { get; init; } = 1_800;

    /// <summary>Share of multi-template documents whose templates share concepts by slot key (Chemical:1 is one drug throughout).</summary>
    public double SharedConceptShare { get; init; } = 0.8;

    /// <summary>
    /// Chance that a first mention uses the preferred name rather than a variant (brand, synonym, abbreviation,
    /// plural). Abstracts mostly name drugs and diseases by their preferred names: 0.8 beat 0.5 and 0.3 on BC5CDR dev.
    /// </summary>
    public double PreferredNameShare { get; init; } = 0.8;

    /// <summary>Chance that a later mention repeats the previous surface of its concept (as writers mostly do).</summary>
    public double RepeatSurfaceShare { get; init; } = 0.7;

    /// <summary>Chance that a first mention by full name is followed by its abbreviation in parentheses: "myocardial infarction (MI)".</summary>
    public double ParentheticalAbbreviationShare { get; init; } = 0.25;

    /// <summary>
    /// Chance that a first mention of a concept with no abbreviation in the lexicon is followed by one coined
    /// for the document ("vancomycin (VCM)", "acute renal failure (ARF)"): abstracts define such abbreviations
    /// all the time, and a model that never saw one misses them. Abstract-like styles only: notes do not coin.
    /// Off by default: on BC5CDR dev a share of 0.1 to 0.15 cost 0.5 to 1.5 F1 points, because a token-window
    /// model cannot tell which document defined an abbreviation and learns "capitals mean entity"
    /// (docs/BENCHMARKS.md, "Synthetic data").
    /// </summary>
    public double CoinedAbbreviationShare { get; init; } = 0;

    /// <summary>
    /// Chance that the first mention of a filler (a non-entity term such as "mean arterial pressure") is
    /// followed by an abbreviation, its lexicon's or a coined one. Real abstracts define as many non-entity
    /// abbreviations as entity ones; without them a model learns "(ABC)" means entity.
    /// </summary>
    public double FillerAbbreviationShare { get; init; } = 0.5;

    /// <summary>Chance that a document gets one companion template (fillers only, no entity) among its templates.</summary>
    public double CompanionShare { get; init; } = 0.35;

    /// <summary>
    /// Chance that a template starting a sentence gets a discourse opener ("However, ", "In addition, "), its
    /// first word lower-cased (only slots and a fixed list of ordinary first words qualify).
    /// </summary>
    public double OpenerShare { get; init; } = 0.15;

    /// <summary>Chance that a mid-sentence mention with no capital is written with a capital first letter ("Warfarin").</summary>
    public double CapitalizedMentionShare { get; init; } = 0.03;

    /// <summary>Share of clinical-note documents written all in lower case (as typed notes often are).</summary>
    public double LowercaseNoteShare { get; init; } = 0.04;

    /// <summary>Share of clinical-note documents written all in capitals.</summary>
    public double UppercaseNoteShare { get; init; } = 0.03;

    /// <summary>
    /// Share of documents that are clinical notes (their first template has a note style) rather than abstract-like;
    /// null: as the templates fall (each main template equally likely). Real notes are full of words that are
    /// neither chemicals nor diseases (anatomy, instruments, procedures, templated modifiers), which abstracts
    /// never show a model; this weighs the two registers. 0.5 (with <see cref="MaxNoteCompanions"/> 2) tied the
    /// template-proportional mix (about 0.36, one companion) on the real-text dev splits (ADE, NegEx, BC5CDR dev)
    /// and puts more of the notes' boilerplate beside entities (docs/BENCHMARKS.md, "Real notes").
    /// </summary>
    public double? NoteShare { get; init; } = 0.5;

    /// <summary>
    /// Most companion templates (fillers only, no entity) in one note document, each joining with
    /// <see cref="CompanionShare"/>: a real note has more section boilerplate than entity sentences.
    /// </summary>
    public int MaxNoteCompanions { get; init; } = 2;

    /// <summary>
    /// Weigh the concept draw by how often real text names each concept (data/concept-counts.tsv); null: every concept
    /// of a slot's classes equally likely. Left out of the options' JSON when null, so a run without it keeps the
    /// identity (and a default-model rebuild the bytes) it had before the option existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConceptWeighting? ConceptWeighting { get; init; }

    /// <summary>Only templates of these styles (null: all). A benchmark may keep to abstract styles.</summary>
    public IReadOnlyList<string>? Styles { get; init; }
}
