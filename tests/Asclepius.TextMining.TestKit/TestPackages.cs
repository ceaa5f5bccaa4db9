using System.Text;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.TestKit;

/// <summary>Small model packages for labeling tests, built in place (no training): a Ner.Dictionary.v1 recognizer over a few phrases.</summary>
public static class TestPackages
{
    public static readonly (string Phrase, string Label)[] ClinicalLexicon =
    [
        ("hypertension", "Disease"), ("chest pain", "Disease"), ("diabetes mellitus", "Disease"), ("pneumonia", "Disease"),
        ("aspirin", "Chemical"), ("metformin", "Chemical"), ("heparin", "Chemical"), ("lisinopril", "Chemical"),
    ];

    /// <summary>Writes a dictionary package to <paramref name="path"/> and returns the path.</summary>
    public static string Dictionary(string path, string name = "test-dictionary", IEnumerable<(string Phrase, string Label)>? lexicon = null)
    {
        var entries = (lexicon ?? ClinicalLexicon).ToArray();
        var tsv = new StringBuilder();
        foreach (var (p, l) in entries) tsv.Append(p).Append('\t').Append(l).Append('\n');
        new ModelPackageBuilder(name, LabelSchema.FromLabels(entries.Select(e => e.Label)))
            .AddComponent("ner", "Ner.Dictionary.v1", new Dictionary<string, byte[]> { ["lexicon.tsv"] = Encoding.UTF8.GetBytes(tsv.ToString()) })
            .Save(path);
        return path;
    }
}
