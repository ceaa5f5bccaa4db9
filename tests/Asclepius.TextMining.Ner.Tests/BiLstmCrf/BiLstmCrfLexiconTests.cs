using System.IO.Compression;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfLexiconTests : IDisposable
{
    private static readonly BiLstmCrfOptions Tiny = new()
    {
        Epochs = 2, BatchSize = 4, WordDim = 16, CharDim = 8, CharFilters = 8, CasingDim = 4, LexiconDim = 3, HiddenSize = 16, Threads = 1, Seed = 5,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("bilstm-lex-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Lexicon_trained_model_round_trips_through_a_package_without_the_lexicon_folder()
    {
        var lexicons = WriteLexicons();
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Tiny with { LexiconFolder = lexicons });
        model.Lexicons!.Names.Should().Equal("chemicals", "diseases");
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("bilstm", LabelSchema.FromLabels(["Chemical", "Disease"]))
            .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
            .Save(path);
        Directory.Delete(lexicons, recursive: true); // labeling must not need the folder

        var package = ModelPackage.Open(path, new HashSet<string> { BiLstmCrfModel.Kind });
        package.Components.Single().Files.Should().Contain(BiLstmCrfModel.LexiconFile);
        var loaded = BiLstmCrfRecognizer.Load(package, package.Components.Single());
        loaded.Model.Lexicons!.PhraseCount.Should().Be(model.Lexicons.PhraseCount);

        var docs = new[]
        {
            "Cisplatin induced renal failure. Aspirin and headache.",
            "Ibuprofen was given; acute kidney injury followed. Warfarin caused bleeding.",
            "No lexicon word here at all.",
        }.Select((t, i) => (new Document($"p{i}", t), ClinicalTokenizer.Default.Tokenize(t))).ToArray();
        var fresh = model.CreateRecognizer();
        foreach (var (doc, tokens) in docs)
            loaded.Recognize(doc, tokens).Should().Equal(fresh.Recognize(doc, tokens));
        loaded.Model.RecognizeMany(docs).Should().BeEquivalentTo(model.RecognizeMany(docs), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Lexicon_matches_become_per_lexicon_bilou_ids()
    {
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Tiny with { Epochs = 1, LexiconFolder = WriteLexicons() });
        var tokens = ClinicalTokenizer.Default.Tokenize("Ibuprofen caused acute kidney injury.");
        var encoded = model.Encode(tokens, 0, tokens.Tokens.Count, null);

        // Two lexicons (chemicals = 0, diseases = 1): id 1 + 4·lexicon + (B 0, I 1, L 2, U 3).
        encoded.Lexicon.Should().Equal(
            4, 0,  // Ibuprofen: U in chemicals
            0, 0,  // caused
            0, 5,  // acute: B in diseases
            0, 6,  // kidney: I
            0, 7,  // injury: L
            0, 0); // .
    }

    [Fact]
    public void Tampered_lexicon_entry_is_refused_and_a_missing_one_is_named()
    {
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Tiny with { Epochs = 1, LexiconFolder = WriteLexicons() });
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("bilstm", LabelSchema.FromLabels(["Chemical", "Disease"]))
            .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
            .Save(path);
        var target = ModelPackage.ComponentEntry("ner", BiLstmCrfModel.LexiconFile);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(target)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(target).Open());
            writer.Write(text.Replace("ibuprofen", "ibuprofem", StringComparison.Ordinal));
        }
        var open = () => BiLstmCrfRecognizer.Load(ModelPackage.Open(path), ModelPackage.Open(path).Components.Single());
        open.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageHashMismatch && e.Message.Contains(target));

        var files = model.ToFiles().Where(f => f.Key != BiLstmCrfModel.LexiconFile).ToDictionary(f => f.Key, f => f.Value);
        var missing = () => BiLstmCrfModel.FromFiles(files);
        missing.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains(BiLstmCrfModel.LexiconFile));
    }

    private string WriteLexicons() => WriteLexicons(_folder);

    /// <summary>Two small lexicons (chemicals, diseases) in data/lexicons layout under <paramref name="parent"/>/lexicons.</summary>
    internal static string WriteLexicons(string parent)
    {
        var folder = Path.Combine(parent, "lexicons");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "chemicals.tsv"), "name\tvariants\tclass\nibuprofen\tAdvil\tanalgesic\naspirin\t\tanalgesic\ncisplatin\t\tantineoplastic\n");
        File.WriteAllText(Path.Combine(folder, "diseases.tsv"), "name\tvariants\tclass\nacute kidney injury\tAKI\trenal\nrenal failure\t\trenal\nheadache\t\tneuro\n");
        return folder;
    }
}
