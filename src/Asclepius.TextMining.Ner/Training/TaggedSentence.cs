using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// One training sentence: its tokens, their gold tags, and which tokens are <see cref="Missing"/>
/// (covered by an entity that does not align to token boundaries; trainers skip them rather than learn "O").
/// </summary>
public sealed record TaggedSentence(string DocumentId, IReadOnlyList<Token> Tokens, string[] Tags, bool[] Missing);
