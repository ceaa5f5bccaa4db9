using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`folds DIR FORMAT`: train/test on DIR/fold_*/{train,test}.tsv; mean ± sd of F1.</summary>
internal static class FoldsMode
{
    public static void Run(string dir, string format, PairClassifierOptions options)
    {
        var f1s = new List<double>();
        var folds = Directory.GetDirectories(dir, "fold_*").OrderBy(d => int.Parse(d.Split('_').Last())).ToArray();
        double trainSeconds = 0, pairsPerSecond = 0;
        foreach (var fold in folds)
        {
            var r = Bench.Run(CorpusFormats.ReadAll(Path.Combine(fold, "train.tsv"), format), CorpusFormats.ReadAll(Path.Combine(fold, "test.tsv"), format), options);
            f1s.Add(r.F1);
            trainSeconds += r.TrainSeconds;
            pairsPerSecond += r.PairsPerSecond;
            Console.WriteLine($"{Path.GetFileName(fold)}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}");
        }
        Console.WriteLine($"RESULT\t{Path.GetFileName(dir.TrimEnd('/'))}\tF1={Bench.MeanSd(f1s)}\tfolds={f1s.Count}\ttrain_mean={trainSeconds / folds.Length:F1}s\tpairs/s={pairsPerSecond / folds.Length:F0}");
    }
}
