using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`pmidfolds PATH FORMAT K`: k folds split by PubMed id, relations with gold entities.</summary>
internal static class PmidFoldsMode
{
    // k folds split by PubMed id (documents of one abstract never straddle train and test), fixed seed.
    public static void Run(string path, string format, int k, PairClassifierOptions options)
    {
        var docs = Bench.ReadCorpus(path, format);
        var fold = Bench.PmidFoldOf(docs, k, options.Seed);
        var f1s = new List<double>();
        double trainSeconds = 0, pairsPerSecond = 0;
        for (var f = 0; f < k; f++)
        {
            var train = docs.Where(d => fold[Bench.Pmid(d)] != f).ToList();
            var test = docs.Where(d => fold[Bench.Pmid(d)] == f).ToList();
            var r = Bench.Run(train, test, options);
            f1s.Add(r.F1);
            trainSeconds += r.TrainSeconds;
            pairsPerSecond += r.PairsPerSecond;
            Console.WriteLine($"fold_{f + 1}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}");
        }
        Console.WriteLine($"RESULT\t{Path.GetFileName(path.TrimEnd('/'))}\tF1={Bench.MeanSd(f1s)}\tfolds={k}\ttrain_mean={trainSeconds / k:F1}s\tpairs/s={pairsPerSecond / k:F0}");
    }
}
