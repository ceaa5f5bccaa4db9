using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`split FORMAT TEST TRAIN...`: train on TRAIN files, score on TEST.</summary>
internal static class SplitMode
{
    public static void Run(string format, string test, string[] trainFiles, PairClassifierOptions options, string[] args)
    {
        var train = trainFiles.SelectMany(f => CorpusFormats.ReadAll(f, format)).ToList();
        // Document-level relations start from the defaults chosen on BC5CDR dev, as `asclepius train re` does.
        if (train.Any(d => d.Relations.Any(r => r.IsConceptLevel))) options = Bench.ParseArgs(args, new PairClassifierOptions().ForDocumentLevel()).Item2;
        var r = Bench.Run(train, CorpusFormats.ReadAll(test, format), options);
        Console.WriteLine($"RESULT\t{Path.GetFileName(test)}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}\t{r.Detail}");
    }
}
