using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// A loaded model package ready to label notes: tokenize → NER → annotators (sections, assertions, in
/// package order) → relations. Immutable after loading and safe to use from many threads.
/// References no generation code and no LLM package: the labeling path stays private by construction.
/// </summary>
public sealed class ExtractionPipeline
{
    private readonly ClinicalTokenizer _tokenizer = ClinicalTokenizer.Default;

    public ExtractionPipeline(ModelPackage package, IEntityRecognizer? recognizer, IReadOnlyList<IEntityAnnotator> annotators, IRelationExtractor? relations)
    {
        Package = package;
        Recognizer = recognizer;
        Annotators = annotators;
        Relations = relations;
    }

    public ModelPackage Package { get; }
    public IEntityRecognizer? Recognizer { get; }
    public IReadOnlyList<IEntityAnnotator> Annotators { get; }
    public IRelationExtractor? Relations { get; }

    /// <summary>"name version": what output rows record as the system that produced them.</summary>
    public string ModelIdentity => Package.Identity;

    /// <param name="device">
    /// Where components that run on libtorch (BiLSTM-CRF) run: "cpu", "cuda" or "cuda:N". Any other device than
    /// the CPU is checked first, whatever the package holds: ATM402 when CUDA is not usable here.
    /// </param>
    public static ExtractionPipeline Load(string packagePath, string device = "cpu")
    {
        CheckDevice(device);
        return Load(ModelPackage.Open(packagePath, ComponentCatalog.KnownKinds), device);
    }

    /// <inheritdoc cref="Load(string, string)"/>
    public static ExtractionPipeline Load(ModelPackage package, string device = "cpu")
    {
        CheckDevice(device);
        IEntityRecognizer? recognizer = null;
        IRelationExtractor? relations = null;
        var annotators = new List<IEntityAnnotator>();
        foreach (var component in package.Components)
        {
            var loader = ComponentCatalog.Find(component.Kind)
                ?? throw new TextMiningException(ErrorCodes.PackageComponentUnknown, $"component '{component.Name}' has unknown kind '{component.Kind}'", package.Path);
            switch (LoadComponent(loader, package, component, device))
            {
                case IEntityRecognizer r when recognizer is null: recognizer = r; break;
                case IEntityRecognizer: throw new TextMiningException(ErrorCodes.PackageMalformed, "the package holds more than one entity recognizer", package.Path);
                case IEntityAnnotator a: annotators.Add(a); break;
                case IRelationExtractor x when relations is null: relations = x; break;
                case IRelationExtractor: throw new TextMiningException(ErrorCodes.PackageMalformed, "the package holds more than one relation extractor", package.Path);
                default: throw new TextMiningException(ErrorCodes.PackageComponentUnknown, $"component '{component.Name}' loaded as no known component role", package.Path);
            }
        }
        return new ExtractionPipeline(package, recognizer, annotators, relations);
    }

    private static void CheckDevice(string device)
    {
        if (device != "cpu") TorchDevices.Resolve(device);
    }

    /// <summary>
    /// Loads one component; whatever its loader throws on malformed files (bad JSON, missing or mistyped
    /// options, short weights) becomes ATM306 naming the component, not a stack trace.
    /// </summary>
    private static object LoadComponent(ComponentLoader loader, ModelPackage package, PackageComponent component, string device)
    {
        try
        {
            return loader.Load(package, component, device);
        }
        catch (Exception ex) when (ex is not (TextMiningException or OutOfMemoryException or OperationCanceledException))
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed,
                $"component '{component.Name}' ({component.Kind}) cannot be loaded from its files ({ex.GetType().Name}: {ex.Message})", package.Path, ex);
        }
    }

    /// <summary>Labels one document. Gold annotations on the input are ignored: the output holds predictions only.</summary>
    public AnnotatedDocument Process(Document document, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = _tokenizer.Tokenize(document.Text);
        return Process(document, tokens, gold: null, cancellationToken);
    }

    /// <summary>
    /// Labels a document; when <paramref name="gold"/> entities are given, NER is skipped and relations are
    /// predicted between those entities (relation classification with gold entities, for evaluation).
    /// </summary>
    public AnnotatedDocument Process(Document document, TokenizedText tokens, IReadOnlyList<Entity>? gold, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Finish(document, tokens, gold ?? Recognizer?.Recognize(document, tokens) ?? Array.Empty<Entity>(), cancellationToken);
    }

    /// <summary>
    /// Labels several documents; with a batch recognizer (BiLSTM-CRF) their sentences share the network's
    /// batches, which is several times faster than one by one. Same output as <see cref="Process(Document, CancellationToken)"/> on each.
    /// </summary>
    public IReadOnlyList<AnnotatedDocument> ProcessMany(IReadOnlyList<Document> documents, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Recognizer is not IBatchEntityRecognizer batch || documents.Count < 2)
            return documents.Select(d => Process(d, cancellationToken)).ToArray();
        var tokens = documents.Select(d => _tokenizer.Tokenize(d.Text)).ToArray();
        var entities = batch.RecognizeMany(documents.Select((d, i) => (d, tokens[i])).ToArray());
        return documents.Select((d, i) => Finish(d, tokens[i], entities[i], cancellationToken)).ToArray();
    }

    /// <summary>The stages after NER; the token is checked between stages, so a cancelled run stops within one stage of one note.</summary>
    private AnnotatedDocument Finish(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities, CancellationToken cancellationToken)
    {
        foreach (var annotator in Annotators)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entities = annotator.Annotate(document, tokens, entities);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var relations = Relations is null || entities.Count < 2
            ? Array.Empty<Relation>()
            : Relations.Extract(document, tokens, entities);
        return new AnnotatedDocument(document, entities, relations);
    }

    /// <summary>
    /// Labels one document and never throws for a fault of that document: a component that throws gives a
    /// failed outcome (code ATM701) and the caller goes on with the next note. Only cancellation throws.
    /// </summary>
    public LabelOutcome TryProcess(Document document, CancellationToken cancellationToken = default) =>
        Guard(document, () =>
        {
            var tokens = _tokenizer.Tokenize(document.Text);
            cancellationToken.ThrowIfCancellationRequested();
            return LabelOutcome.Success(Process(document, tokens, gold: null, cancellationToken), tokens.Tokens.Count);
        }, cancellationToken);

    /// <summary>
    /// <see cref="TryProcess"/> for several documents, batched like <see cref="ProcessMany"/>. When the shared
    /// batch fails, the documents are labeled one by one, so only the note at fault gets a failed outcome.
    /// </summary>
    public IReadOnlyList<LabelOutcome> TryProcessMany(IReadOnlyList<Document> documents, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Recognizer is not IBatchEntityRecognizer batch || documents.Count < 2)
            return documents.Select(d => TryProcess(d, cancellationToken)).ToArray();
        IReadOnlyList<IReadOnlyList<Entity>> entities;
        TokenizedText[] tokens;
        try
        {
            tokens = documents.Select(d => _tokenizer.Tokenize(d.Text)).ToArray();
            entities = batch.RecognizeMany(documents.Select((d, i) => (d, tokens[i])).ToArray());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return documents.Select(d => TryProcess(d, cancellationToken)).ToArray();
        }
        return documents.Select((d, i) => Guard(d, () => LabelOutcome.Success(Finish(d, tokens[i], entities[i], cancellationToken), tokens[i].Tokens.Count), cancellationToken)).ToArray();
    }

    private static LabelOutcome Guard(Document document, Func<LabelOutcome> label, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return label();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TextMiningException ex)
        {
            return LabelOutcome.Failure(document, ex.Code, ex.Reason, ex.GetType().Name);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The exception's message is not kept: a component may quote the text it failed on.
            return LabelOutcome.Failure(document, ErrorCodes.ComponentFailed, $"a component failed on this note ({ex.GetType().Name}); its message is not shown, as it may quote the note", ex.GetType().Name);
        }
    }

    /// <summary>
    /// Labels many documents on <paramref name="parallelism"/> threads; results come back in input order.
    /// Streams: only a small window of documents is held in memory. The first failing document stops the batch;
    /// use <see cref="ProcessIsolated"/> when one bad note must not stop the others. With a batch recognizer,
    /// consecutive documents are labeled in chunks (<see cref="DocumentChunks"/>).
    /// </summary>
    public IEnumerable<AnnotatedDocument> ProcessBatch(IEnumerable<Document> documents, int parallelism, CancellationToken cancellationToken = default) =>
        Recognizer is IBatchEntityRecognizer
            ? OrderedParallel.Select(DocumentChunks.Split(documents, d => d.Text.Length), chunk => ProcessMany(chunk, cancellationToken), parallelism, cancellationToken).SelectMany(r => r)
            : OrderedParallel.Select(documents, d => Process(d, cancellationToken), parallelism, cancellationToken);

    /// <summary>Like <see cref="ProcessBatch"/>, but a document that fails gives a failed outcome instead of stopping the batch.</summary>
    public IEnumerable<LabelOutcome> ProcessIsolated(IEnumerable<Document> documents, int parallelism, CancellationToken cancellationToken = default) =>
        Recognizer is IBatchEntityRecognizer
            ? OrderedParallel.Select(DocumentChunks.Split(documents, d => d.Text.Length), chunk => TryProcessMany(chunk, cancellationToken), parallelism, cancellationToken).SelectMany(r => r)
            : OrderedParallel.Select(documents, d => TryProcess(d, cancellationToken), parallelism, cancellationToken);
}
