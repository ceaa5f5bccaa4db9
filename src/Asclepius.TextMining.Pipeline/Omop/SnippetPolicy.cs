namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>What NOTE_NLP.snippet holds (docs/OMOP.md explains the default).</summary>
public enum SnippetPolicy
{
    /// <summary>The mention alone (the same words as lexical_variant): no context, so nothing else from the note.</summary>
    Mention,

    /// <summary>The mention with SnippetRadius characters of context each side (identifiers masked unless MaskIdentifiers is off).</summary>
    Window,

    /// <summary>NULL: no text beyond lexical_variant leaves the note.</summary>
    None,
}
