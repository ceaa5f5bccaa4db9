using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Linking;

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
        command.Subcommands.Add(AddLinker());
        return command;
    }

    /// <summary>
    /// `package add-linker --model M.zip --vocabulary vocab.zip --out M2.zip [--threshold X]`: a copy of the package
    /// with the concept linker (Link.Dictionary.v1) added or replaced, after the recognizer and annotators and
    /// before relations.
    /// </summary>
    private static Command AddLinker()
    {
        var model = new Option<string>("--model") { Description = "The model package to start from.", HelpName = "zip", Required = true };
        var vocabulary = new Option<string>("--vocabulary") { Description = "A vocabulary bundle from `asclepius link build`.", HelpName = "zip", Required = true };
        var output = new Option<string>("--out") { Description = "The new package to write.", HelpName = "zip", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "3-gram cosine below which a mention gets no concept (default: the bundle's; choose it on dev with `link evaluate`)." };
        var command = new Command("add-linker", "Add concept linking to the site's vocabulary (Link.Dictionary.v1) to a model package.");
        foreach (var o in new Option[] { model, vocabulary, output, threshold }) command.Add(o);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var source = parse.GetValue(model)!;
            var target = parse.GetValue(output)!;
            if (Path.GetFullPath(source) == Path.GetFullPath(target)) throw new UsageException("--out must differ from --model: the source package is never changed");
            var files = VocabularyBundle.ReadFiles(parse.GetValue(vocabulary)!);
            if (parse.GetValue(threshold) is { } t)
            {
                if (t is < 0 or > 1) throw new UsageException("--threshold must be in [0, 1]");
                var options = LinkerOptions.Parse(System.Text.Encoding.UTF8.GetString(files[LinkerOptions.FileName]), LinkerOptions.FileName);
                files[LinkerOptions.FileName] = options.WithThreshold(t).ToBytes();
            }
            var builder = ModelPackageBuilder.From(ModelPackage.Open(source, ComponentCatalog.KnownKinds));
            ConceptLinker.AddTo(builder, files);
            builder.Save(target);
            var pipeline = ExtractionPipeline.Load(target);
            Console.WriteLine($"{pipeline.ModelIdentity}: components {string.Join(", ", pipeline.Package.Components.Select(c => $"{c.Name} ({c.Kind})"))} → {target}");
            return CliApp.Ok;
        }));
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
