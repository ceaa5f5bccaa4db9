using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

[Collection(TorchCollection.Name)]
public sealed class TransformerNerLexiconTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("xf-lex-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Lexicon_matches_reach_every_window_and_the_model_round_trips_without_the_folder()
    {
        var lexicons = BiLstmCrfLexiconTests.WriteLexicons(_folder);
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(20), [], TinyEncoder.Options with { Epochs = 2, LexiconFolder = lexicons }, TinyEncoder.Source());
        model.Lexicons!.Names.Should().Equal("chemicals", "diseases");

        var tokens = ClinicalTokenizer.Default.Tokenize("Ibuprofen caused acute kidney injury.");
        var encoded = model.Encode(tokens, null);
        // Two lexicons (chemicals = 0, diseases = 1): id 1 + 4·lexicon + (B 0, I 1, L 2, U 3), as the BiLSTM-CRF's.
        int[] expected = [4, 0, 0, 0, 0, 5, 0, 6, 0, 7, 0, 0];
        encoded.Lexicon.Should().Equal(expected);
        model.Window(encoded, 0).Lexicon.Should().Equal(expected);

        var files = model.ToFiles();
        files.Should().ContainKey(TransformerNerModel.LexiconFile);
        Directory.Delete(lexicons, recursive: true); // labeling must not need the folder
        using var loaded = TransformerNerModel.FromFiles(files);
        loaded.Lexicons!.PhraseCount.Should().Be(model.Lexicons.PhraseCount);
        var probe = NerCorpus.Held(8).Select(d => (d.Document, ClinicalTokenizer.Default.Tokenize(d.Text)))
            .Append((new Document("lex", "Ibuprofen caused acute kidney injury."), tokens)).ToArray();
        loaded.RecognizeMany(probe).Should().BeEquivalentTo(model.RecognizeMany(probe), o => o.WithStrictOrdering());

        var withoutLexicons = files.Where(f => f.Key != TransformerNerModel.LexiconFile).ToDictionary(f => f.Key, f => f.Value);
        var missing = () => TransformerNerModel.FromFiles(withoutLexicons);
        missing.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains(TransformerNerModel.LexiconFile));
    }

    [Fact]
    public void A_model_without_lexicons_has_no_lexicon_file_or_parameters()
    {
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(10), [], TinyEncoder.Options with { Epochs = 1 }, TinyEncoder.Source());
        model.Lexicons.Should().BeNull();
        model.ToFiles().Should().NotContainKey(TransformerNerModel.LexiconFile);
        model.Network.named_parameters().Select(p => p.name).Should().NotContain(n => n.StartsWith("lexicon", StringComparison.Ordinal));
    }
}
