using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Sections;

/// <summary>A stretch of a note from one header to the next; <see cref="Section"/> is null under an unknown header.</summary>
public sealed record SectionSpan(TextSpan Span, SectionHeader Header)
{
    public SectionDefinition? Section => Header.Section;
}
