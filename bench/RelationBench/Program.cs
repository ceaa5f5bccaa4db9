using System.Globalization;
using Asclepius.TextMining.Bench.Relations;

// Relation-extraction benchmark with gold entities (relation classification). One file per mode (*Mode.cs);
// what they share is in Bench.cs.
//   folds DIR FORMAT              train/test on DIR/fold_*/{train,test}.tsv; mean ± sd of F1
//   pmidfolds PATH FORMAT K       k folds split by PubMed id (seeded), relations with gold entities
//   pmidfolds-e2e PATH FORMAT K N [ner_lexicons=DIR] [ner=token-window|transformer|dev-best] [re=pair-classifier|transformer]
//                                 [ner_epochs=N ner_batch=N re_epochs=N re_batch=N threads=N encoder_dropout=R folds=1,2]
//                                 the first N of those K folds (or folds=), end to end: a NER trained on the fold's
//                                 training documents, then relations on its entities (ADE: the sentences with an
//                                 adverse effect only, as in SpERT's setting); see EndToEndSettings
//   split FORMAT TEST TRAIN...    train on TRAIN files, score on TEST
//   ner-propagation FORMAT MODEL.zip DEV TEST [OUT.zip]  a transformer NER package: dev F1 without / with propagation
//                                 in the document, TEST once with the choice; OUT.zip = MODEL with it (NerPropagationMode)
//   devsweep FORMAT TRAIN DEV WINDOWS  document-level rules on DEV: per training window (comma list),
//                                 scoring window × aggregation rule × threshold, scored once per pair
// Options after --: window=N trainer=lbfgs|sdca l1=X l2=X threshold=X bits=N
// Prints one result line per run: task, P, R, F1, training seconds, pairs/s.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// The end-to-end mode's own keys (NER/relation backends, the NER's lexicon feature, epochs, folds) are taken out first.
var (endToEnd, rest) = EndToEndSettings.Parse(args);
args = rest;
var (positional, options) = Bench.ParseArgs(args);
switch (positional.FirstOrDefault())
{
    case "folds":
        FoldsMode.Run(positional[1], positional[2], options);
        break;
    case "pmidfolds":
        PmidFoldsMode.Run(positional[1], positional[2], int.Parse(positional[3]), options);
        break;
    case "pmidfolds-e2e":
        EndToEndMode.Run(positional[1], positional[2], int.Parse(positional[3]), int.Parse(positional[4]), options, endToEnd);
        break;
    case "ner-propagation":
        NerPropagationMode.Run(positional[1], positional[2], positional[3], positional[4], positional.ElementAtOrDefault(5));
        break;
    case "devsweep":
        DevSweepMode.Run(positional[1], positional[2], positional[3], positional[4], options);
        break;
    case "split":
        SplitMode.Run(positional[1], positional[2], positional.Skip(3).ToArray(), options, args);
        break;
    default:
        Console.Error.WriteLine("usage: RelationBench folds DIR FORMAT [opts] | split FORMAT TEST TRAIN... [opts]");
        return 2;
}
return 0;
