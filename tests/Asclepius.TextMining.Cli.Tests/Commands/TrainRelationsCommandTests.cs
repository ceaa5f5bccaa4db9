using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class TrainRelationsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>"X-induced Y" states a relation; "X for Y" does not.</summary>
    private string Corpus(string name, int n, int offset)
    {
        string[] chemicals = ["cisplatin", "lithium", "cocaine", "haloperidol", "doxorubicin", "amiodarone"];
        string[] diseases = ["nephrotoxicity", "hypothyroidism", "seizures", "dyskinesia", "cardiomyopathy", "fibrosis", "bleeding"];
        var docs = new List<AnnotatedDocument>();
        for (var i = 0; i < n; i++)
        {
            var c = chemicals[(i + offset) % chemicals.Length];
            var d = diseases[(i * 3 + offset) % diseases.Length];
            var related = i % 2 == 0;
            var text = related ? $"Patients developed {d} induced by {c} treatment." : $"We used {c} for the management of {d}.";
            var doc = related ? Docs.Annotated($"{name}{i}", text, (d, "Disease"), (c, "Chemical")) : Docs.Annotated($"{name}{i}", text, (c, "Chemical"), (d, "Disease"));
            if (related) doc = doc.WithRelation("CID", doc.Entities.First(e => e.Label == "Chemical").Id, doc.Entities.First(e => e.Label == "Disease").Id);
            docs.Add(doc);
        }
        var path = _dir.File($"{name}.jsonl");
        CorpusFormats.Write(docs, path, "jsonl");
        return path;
    }

    [Fact]
    public void Trains_relations_into_a_package_the_pipeline_loads()
    {
        var train = Corpus("train", 40, 0);
        var dev = Corpus("dev", 12, 3);
        var model = _dir.File("re.zip");
        var run = CliRunner.Run("train", "re", "--train", train, "--dev", dev, "--out", model);
        run.ExitCode.Should().Be(0, run.ToString());

        var package = ModelPackage.Open(model, ComponentCatalog.KnownKinds);
        package.FindComponent("relations")!.Kind.Should().Be(PairClassifierExtractor.ComponentKind);
        package.Schema.RelationsAllowed("Chemical", "Disease").Should().Equal("CID");
        package.ReadText(ModelPackage.MetricsEntry).Should().Contain("threshold");
        package.HasEntry("training/relations-data.json").Should().BeTrue();

        var pipeline = ExtractionPipeline.Load(package);
        var doc = CorpusFormats.ReadAll(dev)[0];
        pipeline.Process(doc.Document, ClinicalTokenizer(doc), doc.Entities).Relations.Should().ContainSingle().Which.Label.Should().Be("CID");

        // evaluate --model scores relations in both settings; with gold entities this model is perfect on dev.
        var json = _dir.File("r.json");
        var eval = CliRunner.Run("evaluate", "--model", model, "--gold", dev, "--json", json);
        eval.ExitCode.Should().Be(0, eval.ToString());
        var relations = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!["relations"]!;
        ((double)relations["gold_entities"]!["micro"]!["f1"]!).Should().Be(1.0);
        relations["end_to_end"]!["micro"].Should().NotBeNull();
    }

    [Fact]
    public void A_corpus_without_relations_is_bad_usage()
    {
        var path = _dir.File("plain.jsonl");
        CorpusFormats.Write([Docs.Annotated("a", "Lithium caused tremor.", ("Lithium", "Chemical"), ("tremor", "Disease"))], path, "jsonl");
        var run = CliRunner.Run("train", "re", "--train", path, "--out", _dir.File("x.zip"));
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("no relations");
    }

    [Fact]
    public void Missing_training_file_names_the_path()
    {
        var run = CliRunner.Run("train", "re", "--train", _dir.File("nope.jsonl"), "--out", _dir.File("x.zip"));
        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("nope.jsonl");
    }

    private static Core.Text.TokenizedText ClinicalTokenizer(AnnotatedDocument d) => Core.Text.ClinicalTokenizer.Default.Tokenize(d.Text);
}
