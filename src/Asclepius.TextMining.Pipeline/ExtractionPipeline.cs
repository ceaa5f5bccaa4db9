using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;

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

    public static ExtractionPipeline Load(string packagePath) => Load(ModelPackage.Open(packagePath, ComponentCatalog.KnownKinds));

    public static ExtractionPipeline Load(ModelPackage package)
    {
        IEntityRecognizer? recognizer = null;
        IRelationExtractor? relations = null;
        var annotators = new List<IEntityAnnotator>();
        foreach (var component in package.Components)
        {
            var loader = ComponentCatalog.Find(component.Kind)
                ?? throw new TextMiningException(ErrorCodes.PackageComponentUnknown, $"component '{component.Name}' has unknown kind '{component.Kind}'", package.Path);
            switch (loader.Load(package, component))
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

    /// <summary>Labels one document. Gold annotations on the input are ignored: the output holds predictions only.</summary>
    public AnnotatedDocument Process(Document document, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = _tokenizer.Tokenize(document.Text);
        return Process(document, tokens, gold: null);
    }

    /// <summary>
    /// Labels a document; when <paramref name="gold"/> entities are given, NER is skipped and relations are
    /// predicted between those entities (relation classification with gold entities, for evaluation).
    /// </summary>
    public AnnotatedDocument Process(Document document, TokenizedText tokens, IReadOnlyList<Entity>? gold)
    {
        IReadOnlyList<Entity> entities = gold ?? Recognizer?.Recognize(document, tokens) ?? Array.Empty<Entity>();
        foreach (var annotator in Annotators) entities = annotator.Annotate(document, tokens, entities);
        var relations = Relations is null || entities.Count < 2
            ? Array.Empty<Relation>()
            : Relations.Extract(document, tokens, entities);
        return new AnnotatedDocument(document, entities, relations);
    }

    /// <summary>
    /// Labels one document and never throws for a fault of that document: a component that throws gives a
    /// failed outcome (code ATM601) and the caller goes on with the next note. Only cancellation throws.
    /// </summary>
    public LabelOutcome TryProcess(Document document, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var tokens = _tokenizer.Tokenize(document.Text);
            return LabelOutcome.Success(Process(document, tokens, gold: null), tokens.Tokens.Count);
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
            return LabelOutcome.Failure(document, ErrorCodes.ComponentFailed, $"a component failed on this note: {ex.GetType().Name}: {ex.Message}", ex.GetType().Name);
        }
    }

    /// <summary>
    /// Labels many documents on <paramref name="parallelism"/> threads; results come back in input order.
    /// Streams: only a small window of documents is held in memory. The first failing document stops the batch;
    /// use <see cref="ProcessIsolated"/> when one bad note must not stop the others.
    /// </summary>
    public IEnumerable<AnnotatedDocument> ProcessBatch(IEnumerable<Document> documents, int parallelism, CancellationToken cancellationToken = default) =>
        OrderedParallel.Select(documents, d => Process(d, cancellationToken), parallelism, cancellationToken);

    /// <summary>Like <see cref="ProcessBatch"/>, but a document that fails gives a failed outcome instead of stopping the batch.</summary>
    public IEnumerable<LabelOutcome> ProcessIsolated(IEnumerable<Document> documents, int parallelism, CancellationToken cancellationToken = default) =>
        OrderedParallel.Select(documents, d => TryProcess(d, cancellationToken), parallelism, cancellationToken);
}
