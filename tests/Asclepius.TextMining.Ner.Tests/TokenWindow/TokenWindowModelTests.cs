using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.TokenWindow;

public sealed class TokenWindowModelTests : IDisposable
{
    private static readonly TokenWindowOptions Small = TokenWindowOptions.Default with { HashBits = 14, Iterations = 30 };
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-tw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Describe(TokenWindowRecognizer r, Document d) =>
        string.Join("; ", r.Recognize(d, ClinicalTokenizer.Default.Tokenize(d.Text)).Select(e => $"{e.Span} {e.Label} {e.Score}"));

    [Fact]
    public void Component_files_round_trip_to_identical_predictions_with_lexicons()
    {
        File.WriteAllText(Path.Combine(_dir, "drugs.tsv"), "name\tvariants\tclass\nwarfarin\tCoumadin\tanticoagulant\n");
        var result = TokenWindowTrainer.Train(NerCorpus.Train(), NerCorpus.Held(), Small with { LexiconFolder = _dir });
        var files = result.Best.ToComponentFiles();
        files.Keys.Should().BeEquivalentTo(TokenWindowModel.ModelFile, TokenWindowModel.MetaFile, TokenWindowModel.LexiconFile);

        var loaded = TokenWindowModel.FromComponentFiles(files, "test");
        loaded.Lexicons!.Names.Should().Equal("drugs");
        loaded.Options.Should().BeEquivalentTo(result.Best.Options);
        foreach (var doc in NerCorpus.Held())
            Describe(loaded.CreateRecognizer(), doc.Document).Should().Be(Describe(result.Best.CreateRecognizer(), doc.Document));
    }

    [Fact]
    public void Outside_penalty_is_tuned_on_dev_and_recorded_per_iteration()
    {
        var result = TokenWindowTrainer.Train(NerCorpus.Train(), NerCorpus.Held(), Small);
        result.Best.Options.OutsidePenalty.Should().NotBeNull();
        result.History.Should().ContainSingle().Which.DevF1.Should().Be(result.BestDevScores!.Entities.Strict.Micro.F1);
        var fixedPenalty = TokenWindowTrainer.Train(NerCorpus.Train(), null, Small);
        fixedPenalty.Best.Options.OutsidePenalty.Should().Be(0f, "without dev nothing is tuned");
    }

    [Fact]
    public void Lbfgs_trains_in_rounds_and_keeps_best_and_last()
    {
        var result = TokenWindowTrainer.Train(NerCorpus.Train(), NerCorpus.Held(), Small with { Trainer = TokenWindowTrainerKind.LbfgsMaximumEntropy, Rounds = 3, Iterations = 15 });
        result.Iterations.Should().Be(3);
        result.History.Select(h => h.Iteration).Should().Equal(1, 2, 3);
        result.BestDevScores!.Entities.Strict.Micro.F1.Should().Be(result.History.Max(h => h.DevF1!.Value));
    }

    [Fact]
    public void Newer_layout_or_malformed_meta_is_refused()
    {
        var files = TokenWindowTrainer.Train(NerCorpus.Train(20), null, Small).Best.ToComponentFiles().ToDictionary();
        var meta = JsonNode.Parse(files[TokenWindowModel.MetaFile])!.AsObject();
        meta["layout_version"] = 99;
        var newer = new Dictionary<string, byte[]>(files) { [TokenWindowModel.MetaFile] = Encoding.UTF8.GetBytes(meta.ToJsonString()) };
        var act = () => TokenWindowModel.FromComponentFiles(newer, "m.zip!ner");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageVersionUnsupported);

        var broken = new Dictionary<string, byte[]>(files) { [TokenWindowModel.MetaFile] = "{"u8.ToArray() };
        var act2 = () => TokenWindowModel.FromComponentFiles(broken, "m.zip!ner");
        act2.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("m.zip!ner"));

        var noWeights = new Dictionary<string, byte[]>(files);
        noWeights.Remove(TokenWindowModel.ModelFile);
        var act3 = () => TokenWindowModel.FromComponentFiles(noWeights, "m.zip!ner");
        act3.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains(TokenWindowModel.ModelFile));
    }

    [Fact]
    public void Options_json_round_trips_and_unknown_keys_are_refused()
    {
        var options = TokenWindowOptions.Default with { Seed = 9, CharNGrams = [3, 4], OutsidePenalty = 1.5f };
        TokenWindowOptions.FromJson(options.ToJsonBytes(), "x").Should().BeEquivalentTo(options);
        var act = () => TokenWindowOptions.FromJson("{\"hash_bitz\": 18}"u8, "pkg!ner/model.json");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("hash_bitz"));
        var range = () => (TokenWindowOptions.Default with { HashBits = 40 }).Validated();
        range.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("hash_bits"));
    }

    [Fact]
    public void Misaligned_entity_tokens_are_left_out_of_training_not_tagged_O()
    {
        var doc = Docs.Annotated("d1", "Patients on cocaine-induced rhabdomyolysis.", ("cocaine-induced rhab", "Disease"));
        var set = NerTrainingSet.Build([doc], TagScheme.Bilou, "train");
        set.Count(AlignmentProblemKind.Misaligned).Should().Be(1);
        var s = set.Sentences.Single();
        var missing = s.Tokens.Where((t, i) => s.Missing[i]).Select(t => t.Text);
        missing.Should().Equal("cocaine", "-", "induced", "rhabdomyolysis");
    }

    [Fact]
    public void Featurizer_is_deterministic_and_sees_the_window()
    {
        var featurizer = new TokenWindowFeaturizer(TokenWindowOptions.Default, null);
        int[] Features(string text, int token)
        {
            var buffer = new FeatureBuffer();
            featurizer.Featurize(ClinicalTokenizer.Default.TokenizeWords(text), buffer);
            return buffer.Of(token).ToArray();
        }
        Features("given aspirin daily", 1).Should().Equal(Features("given aspirin daily", 1));
        Features("given aspirin daily", 1).Should().NotEqual(Features("given aspirin weekly", 1), "the next word is a feature");
        Features("given aspirin daily", 1).Should().OnlyContain(i => i >= 0 && i < featurizer.Dimension);
    }

    [Fact]
    public void Empty_text_gives_no_entities()
    {
        var model = TokenWindowTrainer.Train(NerCorpus.Train(20), null, Small).Best;
        model.CreateRecognizer().Recognize(new Document("e", ""), ClinicalTokenizer.Default.Tokenize("")).Should().BeEmpty();
    }
}
