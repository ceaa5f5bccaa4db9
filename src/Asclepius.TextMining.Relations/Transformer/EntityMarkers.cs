using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Typed entity markers: per entity label, four pieces taken from the vocabulary's unused slots ("[unused0]",
/// "[unused1]", ... — BERT vocabularies reserve them for exactly this): head start, head end, tail start, tail end. So
/// the encoder sees "… [H-start:Chemical] cisplatin [H-end:Chemical] induced [T-start:Disease] nephrotoxicity
/// [T-end:Disease] …" and the pair is read from the two start markers' vectors. Labels are in ordinal order, so the
/// same label set always takes the same slots.
/// </summary>
internal sealed class EntityMarkers
{
    private readonly Dictionary<string, int> _first;

    public EntityMarkers(IReadOnlyList<string> entityLabels, IReadOnlyList<string> vocabulary)
    {
        Labels = entityLabels.Distinct().Order(StringComparer.Ordinal).ToArray();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++) ids.TryAdd(vocabulary[i], i);
        var needed = 4 * Labels.Count;
        Pieces = new int[needed];
        for (var n = 0; n < needed; n++)
        {
            if (!ids.TryGetValue($"[unused{n}]", out var id))
                throw new TextMiningException(ErrorCodes.TrainingDataInvalid,
                    $"typed entity markers for {Labels.Count} entity label(s) need the vocabulary pieces [unused0] to [unused{needed - 1}]; this encoder's vocabulary has no [unused{n}]");
            Pieces[n] = id;
        }
        _first = Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => 4 * x.i, StringComparer.Ordinal);
    }

    /// <summary>The entity labels that have markers, in slot order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Vocabulary ids of every marker, in slot order.</summary>
    public int[] Pieces { get; }

    /// <summary>The four marker ids of a pair, or null when a label has no markers (a label the model never saw).</summary>
    public (int HeadStart, int HeadEnd, int TailStart, int TailEnd)? For(string headLabel, string tailLabel)
    {
        if (!_first.TryGetValue(headLabel, out var h) || !_first.TryGetValue(tailLabel, out var t)) return null;
        return (Pieces[h], Pieces[h + 1], Pieces[t + 2], Pieces[t + 3]);
    }
}
