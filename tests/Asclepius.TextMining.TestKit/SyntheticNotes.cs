namespace Asclepius.TextMining.TestKit;

/// <summary>Small made-up clinical notes for labeling tests: varied, each distinct, with known lexicon phrases (see <see cref="TestPackages"/>).</summary>
public static class SyntheticNotes
{
    private static readonly string[] Names = ["Alvarez", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad", "Brennan", "Nakamura", "Ivanova"];
    private static readonly string[] Complaints = ["chest pain", "shortness of breath", "a productive cough", "dizziness", "fatigue"];
    private static readonly string[] History = ["hypertension", "diabetes mellitus", "pneumonia last winter", "no significant illness"];
    private static readonly string[] Drugs = ["aspirin", "metformin", "heparin", "lisinopril", "no medication"];

    public static string Note(int i)
    {
        var r = new Random(i * 7919 + 17);
        return $"Visit {i}: Mr. {Names[r.Next(Names.Length)]} (record {100000 + i * 37}) reports {Complaints[r.Next(Complaints.Length)]} for {r.Next(1, 30)} days. "
             + $"History of {History[r.Next(History.Length)]}. Denies fever. Plan: continue {Drugs[r.Next(Drugs.Length)]} {r.Next(5, 500)} mg, review in {r.Next(2, 12)} weeks.";
    }

    public static IEnumerable<(int Id, string Text)> Generate(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(i => (i, Note(i)));
}
