namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// One candidate pair as the encoder sees it: word-piece ids with the four markers inserted ([CLS]/[SEP] not included),
/// the positions of the head's and the tail's start markers in <see cref="Pieces"/>, and the gold label index when training.
/// </summary>
internal sealed record PairInput(int[] Pieces, int HeadMarker, int TailMarker, int Label = 0);
