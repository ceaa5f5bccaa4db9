using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

[Collection(TorchCollection.Name)]
public sealed class TransformerNerModelTests
{
    private static readonly Lazy<TransformerNerModel> Trained = new(() => TransformerNerTrainer.Train(NerCorpus.Train(), [], TinyEncoder.Options with { Seed = 3 }, TinyEncoder.Source()));

    [Fact]
    public void A_text_longer_than_512_pieces_is_labeled_across_windows_with_exact_offsets()
    {
        var model = Trained.Value;
        // 60 held-out documents one after another: far more pieces than one window (62) and than BERT's 512.
        var parts = NerCorpus.Held(60);
        var text = string.Join(" ", parts.Select(p => p.Text));
        var gold = new List<(int Start, int End, string Label)>();
        var offset = 0;
        foreach (var p in parts)
        {
            gold.AddRange(p.Entities.Select(e => (e.Span.Start + offset, e.Span.End + offset, e.Label)));
            offset += p.Text.Length + 1;
        }
        var tokens = ClinicalTokenizer.Default.Tokenize(text);
        var encoded = model.Encode(tokens, null);
        encoded.Pieces.Length.Should().BeGreaterThan(512);
        encoded.Windows.Count.Should().BeGreaterThan(10);

        var predicted = model.CreateRecognizer().Recognize(new Document("long", text), tokens);

        var found = predicted.Select(e => (e.Span.Start, e.Span.End, e.Label)).ToHashSet();
        var hits = gold.Count(found.Contains);
        ((double)hits / gold.Count).Should().BeGreaterThan(0.95, "the pattern is learned and every window's spans map back to the text");
        (found.Count - hits).Should().BeLessThan(gold.Count / 20);
        var lastThird = gold.Where(g => g.Start > text.Length * 2 / 3).ToArray();
        lastThird.Count(found.Contains).Should().BeGreaterThan(lastThird.Length * 9 / 10, "entities far past the first window are found at their own offsets");
        foreach (var e in predicted) text[e.Span.Start..e.Span.End].Should().NotStartWith(" ").And.NotEndWith(" ");
    }

    [Fact]
    public void A_long_text_is_labeled_like_its_parts_where_windows_give_the_same_context()
    {
        // Each held-out document alone vs. all of them in one text: the entities of a part are found in both.
        var model = Trained.Value;
        var recognizer = model.CreateRecognizer();
        var parts = NerCorpus.Held(30);
        var text = string.Join(" ", parts.Select(p => p.Text));
        var whole = recognizer.Recognize(new Document("all", text), ClinicalTokenizer.Default.Tokenize(text)).Select(e => (e.Span.Start, e.Span.End, e.Label)).ToHashSet();
        var offset = 0;
        var agree = 0;
        var total = 0;
        foreach (var p in parts)
        {
            foreach (var e in recognizer.Recognize(p.Document, ClinicalTokenizer.Default.Tokenize(p.Text)))
            {
                total++;
                if (whole.Contains((e.Span.Start + offset, e.Span.End + offset, e.Label))) agree++;
            }
            offset += p.Text.Length + 1;
        }
        total.Should().BePositive();
        ((double)agree / total).Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void Float32_storage_saves_twice_the_bytes_and_loads_to_identical_predictions()
    {
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(20), [], TinyEncoder.Options with { Epochs = 2, WeightStorage = WeightStorage.Float32 }, TinyEncoder.Source());
        var half = TransformerNerModel.SaveWeights(model.Network, WeightStorage.Float16).Length;
        var files = model.ToFiles();
        files[TransformerNerModel.WeightsFile].Length.Should().BeGreaterThan((int)(half * 1.8));
        using var loaded = TransformerNerModel.FromFiles(files);
        var probe = NerCorpus.Held(8).Select(d => (d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))).ToArray();
        Describe(loaded.RecognizeMany(probe)).Should().Equal(Describe(model.RecognizeMany(probe)));
        loaded.Options.WeightStorage.Should().Be(WeightStorage.Float32);
    }

    [Fact]
    public void Training_on_documents_longer_than_a_window_learns_entities_cut_across_windows()
    {
        // Documents of 5 corpus texts each: every one spans several 62-piece windows.
        var parts = NerCorpus.Train();
        var docs = Enumerable.Range(0, parts.Count / 5).Select(i =>
        {
            var group = parts.Skip(i * 5).Take(5).ToArray();
            var text = string.Join(" ", group.Select(g => g.Text));
            return Docs.Annotated($"long-{i}", text, Shift(group));
        }).ToArray();
        using var model = TransformerNerTrainer.Train(docs, [], TinyEncoder.Options with { Seed = 4 }, TinyEncoder.Source());
        model.Training!.TrainWindows.Should().BeGreaterThan(docs.Length * 2);
        var result = NerEvaluation.Evaluate(model.CreateRecognizer(), docs);
        result.Entities.Strict.Micro.F1.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void A_bad_window_setting_is_refused_naming_the_option()
    {
        var act = () => TransformerNerTrainer.Train(NerCorpus.Train(5), [], TinyEncoder.Options with { WindowPieces = 63 }, TinyEncoder.Source());
        act.Should().Throw<Core.Errors.TextMiningException>().Where(e => e.Code == Core.Errors.ErrorCodes.TrainingDataInvalid && e.Message.Contains("window pieces"));
    }

    private static (string, string)[] Shift(AnnotatedDocument[] group) =>
        group.SelectMany(g => g.Entities.Select(e => (g.Text[e.Span.Start..e.Span.End], e.Label))).ToArray();

    private static string[] Describe(IReadOnlyList<IReadOnlyList<Entity>> entities) =>
        entities.Select(es => string.Join("; ", es.Select(e => $"{e.Span} {e.Label}"))).ToArray();
}
