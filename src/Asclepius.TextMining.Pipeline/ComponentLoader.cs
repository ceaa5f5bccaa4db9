using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// How to rebuild one component kind from its state in a package. The loader returns an
/// IEntityRecognizer, IEntityAnnotator or IRelationExtractor; its third argument is the device asked for
/// ("cpu", "cuda", "cuda:N"), which only components that run on libtorch use. Listed explicitly in
/// <see cref="ComponentCatalog"/>: no reflection over constructors.
/// </summary>
public sealed record ComponentLoader(string Kind, Func<ModelPackage, PackageComponent, string, object> Load)
{
    /// <summary>A kind that runs on the CPU whatever device is asked for.</summary>
    public ComponentLoader(string kind, Func<ModelPackage, PackageComponent, object> load) : this(kind, (package, component, _) => load(package, component)) { }
}
