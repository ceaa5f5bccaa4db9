using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Decoding;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>One-sense-per-document propagation as a package option of Ner.Transformer.v1, chosen on dev by the trainer.</summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerNerPropagationTests
{
    /// <summary>Trained without dev documents, so its options say off (and nothing was chosen).</summary>
    private static readonly Lazy<TransformerNerModel> Plain = new(() =>
        TransformerNerTrainer.Train(NerCorpus.Train(20), [], TinyEncoder.Options with { Epochs = 2 }, TinyEncoder.Source()));

    [Fact]
    public void Without_dev_documents_propagation_is_off_and_nothing_is_chosen()
    {
        Plain.Value.Options.PropagateInDocument.Should().BeFalse();
        Plain.Value.Options.PropagationMinShare.Should().BeNull();
        Plain.Value.Training!.Propagation.Should().BeNull();
    }

    [Fact]
    public void A_package_whose_options_say_propagate_labels_what_DocumentConsistency_adds_to_the_plain_output()
    {
        var model = Plain.Value;
        var docs = Probe();
        var plain = model.RecognizeMany(docs);
        using (var off = TransformerNerModel.FromFiles(model.ToFiles()))
            off.RecognizeMany(docs).Should().BeEquivalentTo(plain, o => o.WithStrictOrdering());

        foreach (var share in new[] { 0, 0.5 })
        {
            var expected = docs.Select((d, i) => DocumentConsistency.Propagate(d.Tokens, plain[i].ToList(), share)).ToArray();
            if (share == 0)
                expected.Sum(e => e.Count).Should().BeGreaterThan(plain.Sum(e => e.Count), "the fixture has untagged recurrences of tagged mentions");
            using var on = TransformerNerModel.FromFiles(WithOptions(model, model.Options with { PropagateInDocument = true, PropagationMinShare = share }));
            on.RecognizeMany(docs).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void Training_with_dev_documents_stores_the_dev_choice_and_scores_dev_with_it()
    {
        var dev = NerCorpus.Held(12);
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(20), dev, TinyEncoder.Options with { Epochs = 2 }, TinyEncoder.Source());

        var choice = model.Training!.Propagation!;
        choice.With.Select(w => w.MinShare).Should().Equal(PropagationChoice.MinShares);
        model.Options.PropagateInDocument.Should().Be(choice.Propagate);
        model.Options.PropagationMinShare.Should().Be(choice.Propagate ? choice.Best.MinShare : null);
        var labeled = NerEvaluation.Evaluate(model.CreateRecognizer(), dev).Entities.Strict.Micro.F1;
        labeled.Should().BeApproximately(choice.Propagate ? choice.Best.Score.F1 : choice.Without.F1, 1e-9);
        TransformerNerTrainer.ChoosePropagation(model, dev).Should().BeEquivalentTo(choice, "the public call is the trainer's own");
    }

    [Fact]
    public void A_setting_given_in_the_options_is_kept_and_not_chosen_on_dev()
    {
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(10), NerCorpus.Held(4), TinyEncoder.Options with { Epochs = 1, PropagateInDocument = false },
            TinyEncoder.Source());
        model.Options.PropagateInDocument.Should().BeFalse();
        model.Training!.Propagation.Should().BeNull();
    }

    /// <summary>Held-out documents, each followed by a bare list of the corpus' mention words (recurrences in odd contexts).</summary>
    private static (Document Document, TokenizedText Tokens)[] Probe() =>
        NerCorpus.Held(12).Select(d =>
        {
            var text = d.Text + " Also aspirin, heparin, warfarin, lithium, cocaine, cisplatin, hepatitis, seizures, anemia, bradycardia.";
            return (new Document(d.Id, text), ClinicalTokenizer.Default.Tokenize(text));
        }).ToArray();

    private static Dictionary<string, byte[]> WithOptions(TransformerNerModel model, TransformerNerOptions options) =>
        new(model.ToFiles(), StringComparer.Ordinal) { [TransformerNerModel.OptionsFile] = Encoding.UTF8.GetBytes(options.ToJson()) };
}
