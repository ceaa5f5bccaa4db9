namespace Asclepius.TextMining.Generation.Offline;

/// <summary>A piece of a template text: literal text, or a slot (exactly one of the two is set).</summary>
public sealed record TemplatePart(string? Literal, TemplateSlot? Slot)
{
    public static TemplatePart Text(string literal) => new(literal, null);

    public static TemplatePart For(TemplateSlot slot) => new(null, slot);
}
