using System.Diagnostics;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Decoding;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.Pipeline;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>
/// `ner-propagation FORMAT MODEL.zip DEV TEST [OUT.zip]`: one-sense-per-document propagation for a transformer NER
/// package already trained (labeling only): strict dev F1 without and with it from one labeling pass (the trainer's own
/// choice, <see cref="TransformerNerTrainer.ChoosePropagation"/>), then TEST scored once with the chosen setting through
/// a model whose options.json says it (the labeling path of a package). OUT.zip: MODEL with that options.json, every
/// other component and entry as it was (e.g. a NER + relations package for `asclepius evaluate`). TEST "-": dev only.
/// </summary>
internal static class NerPropagationMode
{
    public static void Run(string format, string modelPath, string devPath, string testPath, string? outPath)
    {
        var package = ModelPackage.Open(modelPath, ComponentCatalog.KnownKinds);
        var component = package.ComponentsOfKind(TransformerNerModel.Kind).Single();
        var files = package.ReadComponentFiles(component);
        var location = $"{modelPath}!components/{component.Name}";
        var dev = Bench.ReadCorpus(devPath, format);
        var test = testPath == "-" ? [] : Bench.ReadCorpus(testPath, format);

        var sw = Stopwatch.StartNew();
        PropagationChoice choice;
        using (var model = TransformerNerModel.FromFiles(files, "cpu", location))
            choice = TransformerNerTrainer.ChoosePropagation(model, dev);
        Console.WriteLine($"DEV\twithout\tP={choice.Without.Precision:F4}\tR={choice.Without.Recall:F4}\tF1={choice.Without.F1:F4}");
        foreach (var (share, score) in choice.With)
            Console.WriteLine($"DEV\twith min_share={share}\tP={score.Precision:F4}\tR={score.Recall:F4}\tF1={score.F1:F4}");
        Console.WriteLine($"CHOSEN\t{choice.Describe()}\t{sw.Elapsed.TotalSeconds:F1}s");

        var options = TransformerNerOptions.FromJson(Encoding.UTF8.GetString(files[TransformerNerModel.OptionsFile]), location);
        var chosenFiles = new Dictionary<string, byte[]>(files, StringComparer.Ordinal)
        {
            [TransformerNerModel.OptionsFile] = Encoding.UTF8.GetBytes((options with
            {
                PropagateInDocument = choice.Propagate, PropagationMinShare = choice.Propagate ? choice.Best.MinShare : null,
            }).ToJson()),
        };
        if (test.Count > 0)
        {
            sw.Restart();
            using var chosen = TransformerNerModel.FromFiles(chosenFiles, "cpu", location);
            var tokenizer = ClinicalTokenizer.Default;
            var predicted = new List<AnnotatedDocument>();
            foreach (var chunk in test.Chunk(64))
            {
                var entities = chosen.RecognizeMany(chunk.Select(d => (d.Document, tokenizer.Tokenize(d.Text))).ToArray());
                predicted.AddRange(chunk.Select((d, i) => new AnnotatedDocument(d.Document, entities[i])));
            }
            var micro = CorpusEvaluator.Evaluate(test.Zip(predicted, (g, p) => new DocumentPair(g, p)).ToList()).Entities.Strict.Micro;
            Console.WriteLine($"TEST\tpropagate_in_document={choice.Propagate} min_share={(choice.Propagate ? choice.Best.MinShare : null)}\tP={micro.Precision:F4}\tR={micro.Recall:F4}\tF1={micro.F1:F4}\t{sw.Elapsed.TotalSeconds:F1}s");
        }

        if (outPath is null) return;
        ModelPackageBuilder.From(package).RemoveComponent(component.Name).AddComponent(component.Name, component.Kind, chosenFiles).Save(outPath);
        Console.WriteLine($"wrote {outPath}");
    }
}
