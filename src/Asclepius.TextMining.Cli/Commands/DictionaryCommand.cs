using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Pipeline.Dictionary;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius dictionary`: packs a lexicon (phrase TAB label per line) into a model package with a
/// Ner.Dictionary.v1 recognizer: a rules baseline that labels with no training, usable everywhere a
/// trained package is (label, worker).
/// </summary>
public static class DictionaryCommand
{
    public static Command Create()
    {
        var lexicon = new Option<string>("--lexicon") { Description = "Lexicon file: one \"phrase<TAB>label\" per line; '#' starts a comment.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Model package to write (.zip).", Required = true };
        var name = new Option<string>("--name") { Description = "Package name.", DefaultValueFactory = _ => "dictionary" };
        var caseSensitive = new Option<bool>("--case-sensitive") { Description = "Match letter case exactly (default: ignore case)." };
        var noContext = new Option<bool>("--no-context") { Description = "Leave out the section and assertion rules (Sections.Rules.v1, Context.Rules.v1) that packages carry by default." };
        var command = new Command("dictionary", "Build a model package from a lexicon (Ner.Dictionary.v1): a rules baseline for labeling.")
        {
            lexicon, output, name, caseSensitive, noContext,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var path = parse.GetValue(lexicon)!;
            if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file", path);
            var entries = DictionaryRecognizer.ParseLexicon(File.ReadAllText(path), path);
            var schema = LabelSchema.FromLabels(entries.Select(e => e.Label));
            var target = parse.GetValue(output)!;
            var builder = new ModelPackageBuilder(parse.GetValue(name)!, schema)
                .AddComponent("ner", DictionaryRecognizer.ComponentKind, DictionaryRecognizer.ComponentFiles(entries, parse.GetValue(caseSensitive)));
            // Packages carry sections and assertion status by default: "no chest pain" must not come out as chest pain.
            if (!parse.GetValue(noContext)) ClinicalContext.AddTo(builder);
            builder.Save(target);
            var package = ModelPackage.Open(target);
            Console.WriteLine($"wrote {target}: {package.Identity}, {entries.Count:N0} phrases, labels {string.Join(", ", schema.EntityLabels)}");
            return CliApp.Ok;
        }));
        return command;
    }
}
