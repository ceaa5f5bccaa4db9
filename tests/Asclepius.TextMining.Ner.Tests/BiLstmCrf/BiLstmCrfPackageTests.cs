using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bilstm-pkg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Model_stored_in_a_package_loads_back_and_predicts_the_same()
    {
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions
        {
            Epochs = 2, WordDim = 16, CharDim = 8, CharFilters = 8, CasingDim = 4, HiddenSize = 16, Threads = 1,
        });
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("bilstm", LabelSchema.FromLabels(["Chemical", "Disease"]))
            .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
            .Save(path);

        var package = ModelPackage.Open(path, new HashSet<string> { BiLstmCrfModel.Kind });
        var recognizer = BiLstmCrfRecognizer.Load(package, package.Components.Single());

        var doc = new Document("x", "Cisplatin induced renal failure. Aspirin and headache.");
        var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
        recognizer.Recognize(doc, tokens).Should().Equal(model.CreateRecognizer().Recognize(doc, tokens));
        recognizer.Kind.Should().Be("Ner.BiLstmCrf.v1");
        recognizer.Produces.Should().Equal("Chemical", "Disease");
    }

    [Fact]
    public void Package_whose_schema_lacks_a_model_label_is_refused()
    {
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions
        {
            Epochs = 1, WordDim = 8, CharDim = 4, CharFilters = 4, CasingDim = 2, HiddenSize = 8, Threads = 1,
        });
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("bilstm", LabelSchema.FromLabels(["Chemical"]))
            .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
            .Save(path);
        var package = ModelPackage.Open(path);

        var act = () => BiLstmCrfRecognizer.Load(package, package.Components.Single());
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageSchemaMismatch && e.Message.Contains("Disease"));
    }
}
