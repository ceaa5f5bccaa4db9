using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Pipeline;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius package add-context --model M.zip --out M2.zip [--rules context.json] [--sections sections.json]`:
/// a copy of a model package with the section and assertion components added (or replaced), after the
/// recognizer and before relations. The rule files are checked strictly first; the source package is
/// verified and never changed.
/// </summary>
public static class PackageCommand
{
    public static Command Create()
    {
        var command = new Command("package", "Inspect and change model packages.");
        command.Subcommands.Add(AddContext());
        return command;
    }

    private static Command AddContext()
    {
        var model = new Option<string>("--model") { Description = "The model package to start from.", HelpName = "zip", Required = true };
        var output = new Option<string>("--out") { Description = "The new package to write.", HelpName = "zip", Required = true };
        var rules = new Option<string?>("--rules") { Description = "ConText rules (default: data/rules/context.json as shipped).", HelpName = "file" };
        var sections = new Option<string?>("--sections") { Description = "Section rules (default: data/rules/sections.json as shipped).", HelpName = "file" };
        var command = new Command("add-context", "Add assertion status (Context.Rules.v1) and sections (Sections.Rules.v1) to a model package.");
        command.Add(model);
        command.Add(output);
        command.Add(rules);
        command.Add(sections);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var source = parse.GetValue(model)!;
            var target = parse.GetValue(output)!;
            if (Path.GetFullPath(source) == Path.GetFullPath(target)) throw new UsageException("--out must differ from --model: the source package is never changed");
            var context = parse.GetValue(rules) is { } r ? ContextRuleSet.Load(r) : ContextRuleSet.Default;
            var sectionRules = parse.GetValue(sections) is { } s ? SectionRuleSet.Load(s) : SectionRuleSet.Default;
            var package = ModelPackage.Open(source, ComponentCatalog.KnownKinds);
            var builder = ModelPackageBuilder.From(package);
            ClinicalContext.AddTo(builder, context, sectionRules);
            builder.Save(target);
            // Load what was written, as the pipeline will: a package this command writes always loads.
            var pipeline = ExtractionPipeline.Load(target);
            Console.WriteLine($"{pipeline.ModelIdentity}: components {string.Join(", ", pipeline.Package.Components.Select(c => $"{c.Name} ({c.Kind})"))} → {target}");
            return CliApp.Ok;
        }));
        return command;
    }
}
