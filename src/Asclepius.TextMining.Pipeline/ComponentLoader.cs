using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// How to rebuild one component kind from its state in a package. The loader returns an
/// IEntityRecognizer, IEntityAnnotator or IRelationExtractor. Listed explicitly in
/// <see cref="ComponentCatalog"/>: no reflection over constructors.
/// </summary>
public sealed record ComponentLoader(string Kind, Func<ModelPackage, PackageComponent, object> Load);
