using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Sections;

/// <summary>
/// Gives every entity the section it sits in (<see cref="Entity.Section"/> = the section's name, or left
/// as it was when the entity is under no known header) and the assertion flags that section implies:
/// past history → Historical, family history → Family. Runs before the assertion rules so that they add
/// to, never replace, what the section says. Thread-safe.
/// </summary>
public sealed class SectionAnnotator : IEntityAnnotator
{
    public const string ComponentKind = "Sections.Rules.v1";

    public SectionAnnotator(SectionRuleSet rules) => Rules = rules;

    public static SectionAnnotator Default { get; } = new(SectionRuleSet.Default);

    public SectionRuleSet Rules { get; }

    public string Kind => ComponentKind;

    public IReadOnlyList<Entity> Annotate(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        if (entities.Count == 0) return entities;
        var sections = Rules.FindSections(document.Text);
        if (sections.Count == 0) return entities;
        var result = new Entity[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            var section = SectionAt(sections, e.Span.Start);
            result[i] = section is null
                ? e
                : e with { Section = section.Name, Assertions = e.Assertions | section.Assertions };
        }
        return result;
    }

    private static SectionDefinition? SectionAt(IReadOnlyList<SectionSpan> sections, int offset)
    {
        // Sections are sorted and contiguous from the first header on: binary search by start.
        int lo = 0, hi = sections.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (sections[mid].Span.Start <= offset) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : sections[found].Section;
    }
}
