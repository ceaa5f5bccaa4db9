using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Pairs gold and predicted documents by id, in gold order. Scoring a prediction against the wrong text
/// or silently dropping documents would give numbers that look fine and mean nothing, so: a duplicate id,
/// a document on one side only, or a pair whose texts differ is an error (it names ids and offsets,
/// never the text).
/// </summary>
public static class DocumentPairing
{
    private const int Examples = 5;

    public static IReadOnlyList<DocumentPair> Pair(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted, DocumentPairingMode mode) =>
        mode == DocumentPairingMode.InOrder ? PairInOrder(gold, predicted) : Pair(gold, predicted);

    public static IReadOnlyList<DocumentPair> Pair(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted)
    {
        var goldById = Index(gold, "gold");
        var predById = Index(predicted, "predicted");

        var missingPred = gold.Where(g => !predById.ContainsKey(g.Id)).Select(g => g.Id).ToList();
        var missingGold = predicted.Where(p => !goldById.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (missingPred.Count > 0 || missingGold.Count > 0)
        {
            var parts = new List<string>();
            if (missingPred.Count > 0) parts.Add($"{missingPred.Count} gold document(s) have no prediction ({Sample(missingPred)})");
            if (missingGold.Count > 0) parts.Add($"{missingGold.Count} predicted document(s) are not in gold ({Sample(missingGold)})");
            throw new TextMiningException(ErrorCodes.DocumentsUnmatched,
                $"gold and predicted corpora must hold the same document ids: {string.Join("; ", parts)}");
        }

        var pairs = new List<DocumentPair>(gold.Count);
        foreach (var g in gold)
        {
            var p = predById[g.Id];
            if (!string.Equals(g.Text, p.Text, StringComparison.Ordinal))
                throw new TextMiningException(ErrorCodes.DocumentTextDiffers,
                    $"the predicted text differs from the gold text ({Difference(g.Text, p.Text)}); offsets cannot be compared",
                    $"document {g.Id}");
            pairs.Add(new DocumentPair(g, p));
        }
        return pairs;
    }

    /// <summary>Pairs the n-th documents of each side; counts must be equal and each pair's texts too.</summary>
    public static IReadOnlyList<DocumentPair> PairInOrder(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted)
    {
        if (gold.Count != predicted.Count)
            throw new TextMiningException(ErrorCodes.DocumentsUnmatched,
                $"documents are paired in file order, but gold has {gold.Count} and predicted {predicted.Count}");
        var pairs = new List<DocumentPair>(gold.Count);
        for (var i = 0; i < gold.Count; i++)
        {
            var (g, p) = (gold[i], predicted[i]);
            if (!string.Equals(g.Text, p.Text, StringComparison.Ordinal))
                throw new TextMiningException(ErrorCodes.DocumentTextDiffers,
                    $"the predicted text (document {p.Id}) differs from the gold text ({Difference(g.Text, p.Text)}); the two files do not hold the same tokens",
                    $"document {i + 1} ({g.Id})");
            pairs.Add(new DocumentPair(g, p));
        }
        return pairs;
    }

    private static Dictionary<string, AnnotatedDocument> Index(IReadOnlyList<AnnotatedDocument> docs, string side)
    {
        var byId = new Dictionary<string, AnnotatedDocument>(docs.Count, StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var d in docs)
            if (!byId.TryAdd(d.Id, d)) duplicates.Add(d.Id);
        if (duplicates.Count > 0)
            throw new TextMiningException(ErrorCodes.DuplicateId,
                $"the {side} corpus holds {duplicates.Count} repeated document id(s) ({Sample(duplicates.Distinct().ToList())}); ids must be unique to pair documents");
        return byId;
    }

    private static string Sample(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(Examples)) + (ids.Count > Examples ? $", and {ids.Count - Examples} more" : "");

    private static string Difference(string gold, string predicted)
    {
        var n = Math.Min(gold.Length, predicted.Length);
        var i = 0;
        while (i < n && gold[i] == predicted[i]) i++;
        return gold.Length == predicted.Length
            ? $"first difference at offset {i}"
            : $"gold has {gold.Length} characters, predicted {predicted.Length}; first difference at offset {i}";
    }
}
