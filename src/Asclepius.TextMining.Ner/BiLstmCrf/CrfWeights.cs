namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// CRF scores copied out of the network for decoding on the CPU: transitions [K·K] (from·K + to), start
/// [K] and end [K], with −∞ on every move the tag scheme forbids.
/// </summary>
internal sealed record CrfWeights(int TagCount, float[] Transitions, float[] Start, float[] End);
