using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// A tiny, learnable in-memory NER corpus (trainer conformance tests, CLI train/evaluate tests): short clinical sentences with
/// one- and multi-token Chemical and Disease mentions in varied positions. Deterministic.
/// </summary>
public static class NerCorpus
{
    private static readonly string[] Chemicals = ["aspirin", "heparin", "warfarin", "lithium", "cocaine", "valproic acid", "nitric oxide", "cisplatin", "haloperidol", "metformin"];
    private static readonly string[] Diseases = ["hepatitis", "seizures", "renal failure", "hypotension", "myocardial infarction", "nephrotoxicity", "bradycardia", "tardive dyskinesia", "anemia", "heart failure"];

    private static readonly string[] Templates =
    [
        "The patient received {C} and developed {D} within two days.",
        "{D} was reported after treatment with {C}.",
        "We describe a case of {D} induced by {C} in an elderly man.",
        "Treatment with {C} was stopped because of {D}.",
        "No {D} was seen in rats given {C} for four weeks.",
        "{C} may cause {D} in patients with diabetes.",
    ];

    public static IReadOnlyList<AnnotatedDocument> Train(int count = 60) => Make(count, offset: 0, prefix: "train");

    /// <summary>Documents whose sentence/entity combinations do not occur in <see cref="Train"/>.</summary>
    public static IReadOnlyList<AnnotatedDocument> Held(int count = 12) => Make(count, offset: 7, prefix: "held");

    private static IReadOnlyList<AnnotatedDocument> Make(int count, int offset, string prefix)
    {
        var docs = new List<AnnotatedDocument>();
        for (var i = 0; i < count; i++)
        {
            var chem = Chemicals[(i * 3 + offset) % Chemicals.Length];
            var dis = Diseases[(i * 7 + offset * 2) % Diseases.Length];
            var t1 = Templates[(i + offset) % Templates.Length];
            var t2 = Templates[(i * 5 + 1 + offset) % Templates.Length];
            var chem2 = Chemicals[(i * 3 + 4 + offset) % Chemicals.Length];
            var dis2 = Diseases[(i * 7 + 3 + offset) % Diseases.Length];
            var s1 = Fill(t1, chem, dis);
            var s2 = Fill(t2, chem2, dis2);
            var text = s1.Text + " " + s2.Text;
            docs.Add(Docs.Annotated($"{prefix}-{i}", text, [.. s1.Entities, .. s2.Entities]));
        }
        return docs;
    }

    private static (string Text, (string, string)[] Entities) Fill(string template, string chem, string dis)
    {
        var text = template.Replace("{C}", chem).Replace("{D}", dis);
        if (text.StartsWith(chem, StringComparison.Ordinal) || text.StartsWith(dis, StringComparison.Ordinal))
            text = char.ToUpperInvariant(text[0]) + text[1..];
        var c = text.IndexOf(chem, StringComparison.OrdinalIgnoreCase);
        var d = text.IndexOf(dis, StringComparison.OrdinalIgnoreCase);
        var cs = text.Substring(c, chem.Length);
        var ds = text.Substring(d, dis.Length);
        return (text, c < d ? [(cs, "Chemical"), (ds, "Disease")] : [(ds, "Disease"), (cs, "Chemical")]);
    }
}
