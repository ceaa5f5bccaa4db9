using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.PairClassifier;

/// <summary>A small chemical–disease corpus: "X induced Y" states a relation, "X treats Y" does not.</summary>
internal static class RelationFixtures
{
    public static readonly LabelSchema Schema = new("chemical-disease",
        [new EntityType("Chemical"), new EntityType("Disease")],
        [new RelationType("CID", [("Chemical", "Disease")])]);

    private static readonly string[] Chemicals = ["cisplatin", "lithium", "cocaine", "haloperidol", "doxorubicin", "amiodarone", "warfarin", "heparin"];
    private static readonly string[] Diseases = ["nephrotoxicity", "hypothyroidism", "seizures", "dyskinesia", "cardiomyopathy", "fibrosis", "bleeding", "thrombocytopenia"];

    public static List<AnnotatedDocument> Corpus(int n, int offset = 0)
    {
        var docs = new List<AnnotatedDocument>();
        for (var i = 0; i < n; i++)
        {
            var c = Chemicals[(i + offset) % Chemicals.Length];
            var d = Diseases[(i * 3 + offset) % Diseases.Length];
            var positive = i % 2 == 0;
            var text = (i % 4) switch
            {
                0 => $"Patients developed {d} induced by {c} therapy.",
                1 => $"{Cap(c)} was given to treat {d} in these patients.",
                2 => $"{Cap(c)}-induced {d} was observed after two weeks.",
                _ => $"We used {c} for the management of {d}.",
            };
            var doc = Docs.Annotated($"d{i}", text, positive && i % 4 == 0 ? [(d, "Disease"), (c, "Chemical")] : [(text.Contains(Cap(c)) ? Cap(c) : c, "Chemical"), (d, "Disease")]);
            if (positive)
            {
                var chem = doc.Entities.First(e => e.Label == "Chemical");
                var dis = doc.Entities.First(e => e.Label == "Disease");
                doc = doc.WithRelation("CID", chem.Id, dis.Id);
            }
            docs.Add(doc);
        }
        return docs;
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
