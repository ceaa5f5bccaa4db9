namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// One component of a package: a name unique in the package ("ner", "assertions", "relations"), a
/// versioned kind ("Ner.TokenWindow.v1") and its files, stored under components/{name}/.
/// </summary>
public sealed record PackageComponent(string Name, string Kind, IReadOnlyList<string> Files);
