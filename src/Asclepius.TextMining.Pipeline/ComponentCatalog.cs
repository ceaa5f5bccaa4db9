using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;

namespace Asclepius.TextMining.Pipeline;

/// <summary>Every component kind this build can load. A new kind (or a new .vN of one) is added here.</summary>
public static class ComponentCatalog
{
    private static readonly ComponentLoader[] Loaders =
    [
        new(SectionAnnotator.ComponentKind, (package, component) => ClinicalContext.LoadSections(package, component)),
        new(ContextAnnotator.ComponentKind, (package, component) => ClinicalContext.LoadAssertions(package, component)),
        new(PairClassifierExtractor.ComponentKind, PairClassifierExtractor.Load),
        new(TransformerRelationModel.Kind, (package, component, device) => TransformerRelationExtractor.Load(package, component, device)),
        new(BiLstmCrfModel.Kind, (package, component, device) => BiLstmCrfRecognizer.Load(package, component, device)),
        new(TransformerNerModel.Kind, (package, component, device) => TransformerNerRecognizer.Load(package, component, device)),
        new(Dictionary.DictionaryRecognizer.ComponentKind, Dictionary.DictionaryRecognizer.Load),
        new(TokenWindowModel.Kind, TokenWindowRecognizer.Load),
        new(Linking.ConceptLinker.ComponentKind, Linking.ConceptLinker.Load),
    ];

    public static IReadOnlySet<string> KnownKinds { get; } = Loaders.Select(l => l.Kind).ToHashSet(StringComparer.Ordinal);

    public static ComponentLoader? Find(string kind) => Loaders.FirstOrDefault(l => l.Kind == kind);
}
