using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// An ordered entity pair that the schema allows to be related (head → tail), with where each sits:
/// token range [First, Last] and sentence index.
/// </summary>
public sealed record RelationCandidate(Entity Head, Entity Tail, int HeadFirst, int HeadLast, int TailFirst, int TailLast, int HeadSentence, int TailSentence)
{
    public bool HeadFirstInText => HeadFirst <= TailFirst;
    public int SentenceDistance => Math.Abs(HeadSentence - TailSentence);
}
