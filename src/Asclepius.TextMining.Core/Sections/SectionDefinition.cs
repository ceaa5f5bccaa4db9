using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Sections;

/// <summary>
/// One clinical section kind from data/rules/sections.json. <see cref="Name"/> is what
/// <see cref="Entity.Section"/> carries ("past_medical_history"); <see cref="Loinc"/> is the LOINC
/// section code where one is well established; <see cref="OmopConceptId"/> is the OMOP concept id a site
/// may add from its own vocabulary (0 when not given: OMOP's "no matching concept").
/// <see cref="Assertions"/> are the flags every mention in the section gets (Historical for past
/// history, Family for family history).
/// </summary>
public sealed record SectionDefinition(
    string Name,
    string Title,
    string? Loinc,
    int OmopConceptId,
    IReadOnlyList<string> Aliases,
    Assertions Assertions);
