using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Pipeline.Tests;

public sealed class ExtractionPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-pipe-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A recognizer that throws on notes containing "POISON": a stand-in for a component bug.</summary>
    private sealed class Poisoned : IEntityRecognizer
    {
        public string Kind => "Test.Poisoned.v1";
        public IReadOnlyList<string> Produces => ["Disease"];

        public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens) =>
            document.Text.Contains("POISON") ? throw new InvalidOperationException($"component bug near '{document.Text}'") : [];
    }

    private ExtractionPipeline WithPoisoned() =>
        new(ModelPackage.Open(TestPackages.Dictionary(Path.Combine(_dir, "m.zip"))), new Poisoned(), [], null);

    [Fact]
    public void Loads_a_dictionary_package_and_labels()
    {
        var pipeline = ExtractionPipeline.Load(TestPackages.Dictionary(Path.Combine(_dir, "m.zip")));
        var doc = pipeline.Process(new Document("n1", "History of hypertension; takes aspirin daily."));
        doc.Entities.Select(e => (doc.TextOf(e), e.Label, e.Source)).Should().Equal(("hypertension", "Disease", AnnotationSource.Predicted), ("aspirin", "Chemical", AnnotationSource.Predicted));
        pipeline.ModelIdentity.Should().StartWith("test-dictionary ");
    }

    [Fact]
    public void TryProcess_reports_a_failing_note_instead_of_throwing()
    {
        var outcome = WithPoisoned().TryProcess(new Document("bad", "POISON pill"));
        outcome.Succeeded.Should().BeFalse();
        outcome.ErrorCode.Should().Be(ErrorCodes.ComponentFailed);
        outcome.ExceptionType.Should().Be(nameof(InvalidOperationException));
        outcome.Reason.Should().NotContain("pill", "a component's message may quote the note; the reason never does");
    }

    [Fact]
    public void ProcessIsolated_labels_the_rest_when_one_note_fails()
    {
        var docs = Enumerable.Range(0, 50).Select(i => new Document($"n{i}", i % 10 == 3 ? "POISON" : "fine note")).ToList();
        var outcomes = WithPoisoned().ProcessIsolated(docs, 3).ToList();
        outcomes.Select(o => o.Id).Should().Equal(docs.Select(d => d.Id));
        outcomes.Count(o => !o.Succeeded).Should().Be(5);
        outcomes.Where(o => o.Succeeded).Should().OnlyContain(o => o.TokenCount == 2);
    }

    [Fact]
    public void ProcessBatch_keeps_order_and_stops_at_a_failure()
    {
        var pipeline = WithPoisoned();
        pipeline.ProcessBatch(Enumerable.Range(0, 20).Select(i => new Document($"n{i}", "ok")), 2).Select(d => d.Id)
            .Should().Equal(Enumerable.Range(0, 20).Select(i => $"n{i}"));
        var act = () => pipeline.ProcessBatch([new Document("a", "ok"), new Document("b", "POISON")], 2).ToList();
        act.Should().Throw<InvalidOperationException>();
    }

    /// <summary>A batch recognizer: marks each note's first token, counts batch calls, throws on "POISON" like <see cref="Poisoned"/>.</summary>
    private sealed class Batched : IBatchEntityRecognizer
    {
        public int Batches;
        public int LargestBatch;
        public string Kind => "Test.Batched.v1";
        public IReadOnlyList<string> Produces => ["Disease"];

        public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens) =>
            document.Text.Contains("POISON") ? throw new InvalidOperationException("component bug")
            : tokens.Tokens.Count == 0 ? [] : [new Entity("T1", new TextSpan(tokens.Tokens[0].Start, tokens.Tokens[0].End), "Disease", Source: AnnotationSource.Predicted)];

        public IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents)
        {
            Interlocked.Increment(ref Batches);
            lock (this) LargestBatch = Math.Max(LargestBatch, documents.Count);
            return documents.Select(d => Recognize(d.Document, d.Tokens)).ToArray();
        }
    }

    [Fact]
    public void Batch_recognizer_labels_notes_in_chunks_with_the_same_output_in_input_order()
    {
        var recognizer = new Batched();
        var pipeline = new ExtractionPipeline(ModelPackage.Open(TestPackages.Dictionary(Path.Combine(_dir, "m.zip"))), recognizer, [], null);
        var docs = Enumerable.Range(0, 300).Select(i => new Document($"n{i}", $"word{i} " + new string('x', i % 37))).ToList();

        var batched = pipeline.ProcessBatch(docs, 3).ToList();
        var isolated = pipeline.ProcessIsolated(docs, 2).ToList();

        var one = docs.Select(d => pipeline.Process(d)).ToList();
        batched.Select(d => d.Document.Id).Should().Equal(docs.Select(d => d.Id));
        batched.Select(d => d.Entities.Single().Span).Should().Equal(one.Select(d => d.Entities.Single().Span));
        isolated.Select(o => o.Result!.Entities.Single().Span).Should().Equal(one.Select(d => d.Entities.Single().Span));
        isolated.Select(o => o.TokenCount).Should().Equal(docs.Select(d => ClinicalTokenizer.Default.Tokenize(d.Text).Tokens.Count));
        recognizer.LargestBatch.Should().BeGreaterThan(1);
        recognizer.Batches.Should().BeLessThan(2 * docs.Count / 10);
    }

    [Fact]
    public void Batch_recognizer_failure_isolates_the_note_at_fault()
    {
        var pipeline = new ExtractionPipeline(ModelPackage.Open(TestPackages.Dictionary(Path.Combine(_dir, "m.zip"))), new Batched(), [], null);
        var docs = Enumerable.Range(0, 50).Select(i => new Document($"n{i}", i % 10 == 3 ? "POISON" : "fine note")).ToList();
        var outcomes = pipeline.ProcessIsolated(docs, 2).ToList();
        outcomes.Select(o => o.Id).Should().Equal(docs.Select(d => d.Id));
        outcomes.Where(o => !o.Succeeded).Select(o => o.Id).Should().Equal("n3", "n13", "n23", "n33", "n43");
        outcomes.Where(o => !o.Succeeded).Should().OnlyContain(o => o.ErrorCode == ErrorCodes.ComponentFailed);
    }

    [Fact]
    public void Document_chunks_respect_size_and_count_and_keep_order()
    {
        var chunks = DocumentChunks.Split(Enumerable.Range(1, 10), i => i * 10, maxChars: 60, maxCount: 3).ToList();
        chunks.SelectMany(c => c).Should().Equal(Enumerable.Range(1, 10));
        chunks.Should().OnlyContain(c => c.Length <= 3 && (c.Length == 1 || c.Sum(i => i * 10) <= 60));
    }

    [Fact]
    public void Cancelled_token_stops_TryProcess()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => WithPoisoned().TryProcess(new Document("a", "ok"), cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }
}
