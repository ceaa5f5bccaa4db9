using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// The two rule components every package should carry after its recognizer: "sections"
/// (<see cref="SectionAnnotator"/>) and then "assertions" (<see cref="ContextAnnotator"/>). The pipeline
/// runs annotators in package order, so sections are added first. Each component stores its rule file
/// as its one file: the package reproduces the behaviour it was built with even if the shipped rules change.
/// </summary>
public static class ClinicalContext
{
    public const string SectionsComponent = "sections";
    public const string AssertionsComponent = "assertions";

    /// <summary>Adds (or replaces) both components; null rule sets mean the shipped defaults.</summary>
    public static ModelPackageBuilder AddTo(ModelPackageBuilder builder, ContextRuleSet? context = null, SectionRuleSet? sections = null)
    {
        builder.RemoveComponent(SectionsComponent).RemoveComponent(AssertionsComponent);
        // Keep annotators after the recognizer and before relations: remove and re-add the relation components behind them.
        var later = builder.Components.Where(c => c.Kind.StartsWith("Rel.", StringComparison.Ordinal)).ToArray();
        var laterFiles = later.Select(c => (c, Files: builder.ComponentFiles(c.Name))).ToArray();
        foreach (var c in later) builder.RemoveComponent(c.Name);
        builder.AddComponent(SectionsComponent, SectionAnnotator.ComponentKind,
            new Dictionary<string, byte[]> { [SectionRuleSet.FileName] = (sections ?? SectionRuleSet.Default).ToBytes() });
        builder.AddComponent(AssertionsComponent, ContextAnnotator.ComponentKind,
            new Dictionary<string, byte[]> { [ContextRuleSet.FileName] = (context ?? ContextRuleSet.Default).ToBytes() });
        foreach (var (c, files) in laterFiles) builder.AddComponent(c.Name, c.Kind, files);
        return builder;
    }

    /// <summary>Rebuilds the assertion component from its stored rule file.</summary>
    public static ContextAnnotator LoadAssertions(ModelPackage package, PackageComponent component) =>
        new(ContextRuleSet.Parse(package.ReadComponentText(component, ContextRuleSet.FileName), $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, ContextRuleSet.FileName)}"));

    /// <summary>Rebuilds the section component from its stored rule file.</summary>
    public static SectionAnnotator LoadSections(ModelPackage package, PackageComponent component) =>
        new(SectionRuleSet.Parse(package.ReadComponentText(component, SectionRuleSet.FileName), $"{package.Path}!{ModelPackage.ComponentEntry(component.Name, SectionRuleSet.FileName)}"));
}
