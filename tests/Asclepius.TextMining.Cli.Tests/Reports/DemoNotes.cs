using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Cli.Tests.Reports;

/// <summary>
/// Fictional clinical notes written for the viewer and report tests (no real patient text): a handful of
/// varied notes with sections, relations and every assertion flag, and <see cref="Many"/> to make
/// thousands for paging. Flags come from the shipped section and ConText rules, as `label` would give them.
/// </summary>
public static class DemoNotes
{
    private static readonly (string Id, string Text, (string Surface, string Label)[] Entities, (string Label, int Head, int Tail)[] Relations)[] Seeds =
    [
        ("note-001",
         "CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: 58 year old man with two hours of substernal chest pain radiating to the left arm. He denies dyspnea, nausea or diaphoresis. He takes aspirin 81 mg daily for coronary artery disease.\nPAST MEDICAL HISTORY: Hypertension, type 2 diabetes.\nFAMILY HISTORY: Father had a myocardial infarction at 60.\nASSESSMENT AND PLAN: Possible acute coronary syndrome. Start heparin. Return if chest pain recurs.",
         [("Chest pain", "Problem"), ("substernal chest pain", "Problem"), ("dyspnea", "Problem"), ("nausea", "Problem"), ("diaphoresis", "Problem"), ("aspirin", "Drug"), ("81 mg", "Dosage"), ("coronary artery disease", "Problem"), ("Hypertension", "Problem"), ("type 2 diabetes", "Problem"), ("myocardial infarction", "Problem"), ("acute coronary syndrome", "Problem"), ("heparin", "Drug"), ("chest pain", "Problem")],
         [("treats", 5, 7), ("dose_of", 6, 5)]),
        ("note-002",
         "REVIEW OF SYSTEMS: Fever: none. Cough: yes, productive. No hemoptysis.\nPHYSICAL EXAM: Crackles at the right base. No wheezes.\nIMAGING: Chest x-ray shows a right lower lobe infiltrate, likely pneumonia.\nPLAN: Levofloxacin 750 mg daily for community acquired pneumonia.",
         [("Fever", "Problem"), ("Cough", "Problem"), ("hemoptysis", "Problem"), ("Crackles", "Problem"), ("wheezes", "Problem"), ("Chest x-ray", "Test"), ("right lower lobe infiltrate", "Problem"), ("pneumonia", "Problem"), ("Levofloxacin", "Drug"), ("750 mg", "Dosage"), ("community acquired pneumonia", "Problem")],
         [("treats", 8, 10), ("dose_of", 9, 8), ("reveals", 5, 6)]),
        ("note-003",
         "HPI: Patient reports no headache and no visual changes. She had a seizure two years ago and is status post craniotomy.\nMEDICATIONS: Levetiracetam 500 mg twice daily.\nALLERGIES: Penicillin causes rash.",
         [("no headache", "Problem"), ("visual changes", "Problem"), ("seizure", "Problem"), ("craniotomy", "Procedure"), ("Levetiracetam", "Drug"), ("500 mg", "Dosage"), ("Penicillin", "Drug"), ("rash", "Problem")],
         [("dose_of", 5, 4), ("causes", 6, 7)]),
        ("note-004",
         "DISCHARGE INSTRUCTIONS: Call your doctor for any fever over 101, increasing redness or drainage from the wound. Take oxycodone 5 mg as needed for pain.\nFOLLOW UP: Clinic in two weeks.",
         [("fever", "Problem"), ("increasing redness", "Problem"), ("drainage", "Problem"), ("oxycodone", "Drug"), ("5 mg", "Dosage"), ("pain", "Problem")],
         [("treats", 3, 5), ("dose_of", 4, 3)]),
        ("note-005",
         "IMPRESSION: 1. No acute intracranial hemorrhage. 2. Chronic small vessel ischemic changes. 3. Cannot exclude early infarct in the left MCA territory; MRI recommended.",
         [("acute intracranial hemorrhage", "Problem"), ("Chronic small vessel ischemic changes", "Problem"), ("early infarct", "Problem"), ("MRI", "Test")],
         []),
        ("note-006",
         "SOCIAL HISTORY: Former smoker, quit 10 years ago. Denies alcohol or drug use.\nFAMILY HISTORY: Mother with breast cancer; brother with type 1 diabetes.\nLABS: Hemoglobin A1c 9.2 percent, consistent with poorly controlled diabetes.",
         [("smoker", "Problem"), ("alcohol", "Drug"), ("drug use", "Problem"), ("breast cancer", "Problem"), ("type 1 diabetes", "Problem"), ("Hemoglobin A1c", "Test"), ("poorly controlled diabetes", "Problem")],
         [("reveals", 5, 6)]),
    ];

    public static IReadOnlyList<AnnotatedDocument> Seed() => Seeds.Select(s => Build(s.Id, s.Text, s.Entities, s.Relations)).ToArray();

    /// <summary><paramref name="count"/> notes: the seeds again and again under new ids.</summary>
    public static IReadOnlyList<AnnotatedDocument> Many(int count)
    {
        var seed = Seed();
        return Enumerable.Range(0, count).Select(i =>
        {
            var d = seed[i % seed.Count];
            return d with { Document = d.Document with { Id = $"note-{i + 1:D5}" } };
        }).ToArray();
    }

    private static AnnotatedDocument Build(string id, string text, (string Surface, string Label)[] entities, (string Label, int Head, int Tail)[] relations)
    {
        var list = new List<Entity>();
        var from = 0;
        foreach (var (surface, label) in entities)
        {
            var at = text.IndexOf(surface, from, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"{id}: '{surface}' not found after offset {from}");
            list.Add(new Entity($"T{list.Count + 1}", new TextSpan(at, at + surface.Length), label, Source: AnnotationSource.Predicted));
            from = at + surface.Length;
        }
        var doc = new Document(id, text);
        var tokens = ClinicalTokenizer.Default.Tokenize(text);
        IReadOnlyList<Entity> annotated = SectionAnnotator.Default.Annotate(doc, tokens, list);
        annotated = ContextAnnotator.Default.Annotate(doc, tokens, annotated);
        var rels = relations.Select((r, i) => new Relation($"R{i + 1}", r.Label, $"T{r.Head + 1}", $"T{r.Tail + 1}", Source: AnnotationSource.Predicted)).ToArray();
        return new AnnotatedDocument(doc, annotated, rels);
    }
}
