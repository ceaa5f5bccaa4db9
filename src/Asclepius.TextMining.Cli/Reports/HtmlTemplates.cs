using Fluid;

namespace Asclepius.TextMining.Cli.Reports;

/// <summary>
/// The pages' Liquid templates (Fluid), parsed once. Every value a template prints is encoded by
/// <see cref="Html.Encoder"/> (an HtmlEncoder) unless the template marks it <c>raw</c>: only the page's own
/// style, script, and markup or JSON the writers built from encoded parts. Undefined variables are errors.
/// </summary>
public static class HtmlTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithStrictVariables().WithStrictFilters().Build();

    public static IFluidTemplate Page { get; } = Parse("page.liquid");

    public static IFluidTemplate Viewer { get; } = Parse("viewer.liquid");

    public static IFluidTemplate Report { get; } = Parse("report.liquid");

    public static string Render(IFluidTemplate template, object model) =>
        template.Render(new TemplateContext(model, Options), Html.Encoder);

    private static IFluidTemplate Parse(string name) =>
        Parser.TryParse(HtmlAssets.Read(name), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"the embedded template {name} does not parse: {error}");
}
