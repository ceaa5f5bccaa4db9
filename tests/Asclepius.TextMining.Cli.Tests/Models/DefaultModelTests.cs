using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Models;

/// <summary>The committed default model (models/chemical-disease.zip, see models/README.md) loads and labels a sample note.</summary>
public sealed class DefaultModelTests
{
    private static readonly string ModelPath = Path.Combine(SharedData.RepoRoot, "models", "chemical-disease.zip");
    private static readonly string Note = Path.Combine(SharedData.RepoRoot, "data", "samples", "discharge-summary-01.txt");

    [Fact]
    public void Default_model_loads_with_every_component_and_was_trained_on_synthetic_data_only()
    {
        var pipeline = ExtractionPipeline.Load(ModelPath);

        pipeline.Package.Schema.Name.Should().Be("chemical-disease");
        pipeline.Package.Components.Select(c => c.Name).Should().Equal("ner", ClinicalContext.SectionsComponent, ClinicalContext.AssertionsComponent, "relations");
        var data = JsonNode.Parse(pipeline.Package.ReadText("training/data.json")!)!;
        data["source"]!.GetValue<string>().Should().Be("synthetic");
        data["generation_run"]!["provider"]!.GetValue<string>().Should().Be("offline");
        new FileInfo(ModelPath).Length.Should().BeLessThan(8L * 1024 * 1024, "the default model is meant to stay small");
    }

    [Fact]
    public void Default_model_labels_a_sample_note()
    {
        var pipeline = ExtractionPipeline.Load(ModelPath);
        var note = new Document("discharge-summary-01", File.ReadAllText(Note), new Dictionary<string, string>());

        var labeled = pipeline.Process(note);

        labeled.Entities.Should().OnlyContain(e => e.Span.End <= note.Text.Length && e.Span.Start < e.Span.End);
        var found = labeled.Entities.Select(e => (e.Label, Text: note.Text[e.Span.Start..e.Span.End].ToLowerInvariant())).ToHashSet();
        found.Should().Contain(("Chemical", "furosemide")).And.Contain(("Disease", "atrial fibrillation"));
        labeled.Entities.Should().Contain(e => e.Assertions.HasFlag(Assertions.Negated), "the note has a review of systems with denied symptoms");
        labeled.Relations.Should().NotBeEmpty();
    }

    // Written for this test (no real note): the templated operative wording on which the model of 2026-11 tagged
    // "appropriate", "midline", "Metzenbaum", "spine" and "atrium" as chemicals and "sedation" as a disease (issue 16).
    private const string OperativeNote =
        "PREOPERATIVE DIAGNOSIS: End-stage renal disease.\n" +
        "ANESTHESIA: IV sedation with local.\n" +
        "PROCEDURE IN DETAIL: After appropriate cross match, the patient was deemed appropriate for surgery. " +
        "The skin was infiltrated with 1% lidocaine, and a midline incision was made. The fascia was opened with " +
        "Metzenbaum scissors. The lumbar spine was not entered. The lead was positioned in the right atrium.";

    [Theory]
    [InlineData("appropriate")]
    [InlineData("midline")]
    [InlineData("metzenbaum")]
    [InlineData("spine")]
    [InlineData("atrium")]
    [InlineData("sedation")]
    [InlineData("lead")]
    public void Default_model_leaves_templated_operative_words_unlabeled(string word)
    {
        var labeled = ExtractionPipeline.Load(ModelPath).Process(new Document("op-note", OperativeNote, new Dictionary<string, string>()));

        labeled.Entities.Select(e => OperativeNote[e.Span.Start..e.Span.End].ToLowerInvariant()).Should().NotContain(t => t.Contains(word));
    }

    [Fact]
    public void Default_model_finds_the_drug_and_the_diagnosis_of_an_operative_note()
    {
        var labeled = ExtractionPipeline.Load(ModelPath).Process(new Document("op-note", OperativeNote, new Dictionary<string, string>()));

        var found = labeled.Entities.Select(e => (e.Label, Text: OperativeNote[e.Span.Start..e.Span.End].ToLowerInvariant())).ToHashSet();
        found.Should().Contain(("Chemical", "lidocaine")).And.Contain(("Disease", "end-stage renal disease"));
    }
}
