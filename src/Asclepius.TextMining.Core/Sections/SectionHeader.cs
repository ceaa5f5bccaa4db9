using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Sections;

/// <summary>
/// A header found in a note: its span (the header words, without the colon), the text as written, and
/// the section it names: a <see cref="SectionDefinition"/>, or null for an upper-case header the rules do
/// not know (it still ends the section before it). A subheader ("HEENT:", "LUNGS:" inside an exam)
/// neither starts nor ends a section.
/// </summary>
public sealed record SectionHeader(TextSpan Span, string Text, SectionDefinition? Section, bool IsSubheader)
{
    public bool IsKnown => Section is not null || IsSubheader;
}
