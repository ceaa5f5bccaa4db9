using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// A three-document gold corpus and a prediction made from it with known edits; the expected numbers
/// (Core CorpusEvaluatorTests, CLI evaluate tests) are computed by hand from the edits listed here.
/// </summary>
public static class EvaluationCorpus
{
    public const string Text1 = "Cisplatin induced acute renal failure and nausea .";
    public const string Text2 = "Lithium and haloperidol caused neurotoxicity .";
    public const string Text3 = "Aspirin reduced fever in the patient .";

    /// <summary>8 entities (Chemical 4, Disease 4), 4 CID relations.</summary>
    public static IReadOnlyList<AnnotatedDocument> Gold() =>
    [
        Docs.Annotated("d1", Text1, ("Cisplatin", "Chemical"), ("acute renal failure", "Disease"), ("nausea", "Disease"))
            .WithRelation("CID", "T1", "T2").WithRelation("CID", "T1", "T3"),
        Docs.Annotated("d2", Text2, ("Lithium", "Chemical"), ("haloperidol", "Chemical"), ("neurotoxicity", "Disease"))
            .WithRelation("CID", "T1", "T3").WithRelation("CID", "T2", "T3"),
        Docs.Annotated("d3", Text3, ("Aspirin", "Chemical"), ("fever", "Disease")),
    ];

    /// <summary>
    /// The gold corpus with these edits:
    /// d1: "nausea" and its relation removed; "acute renal failure" shortened to "renal failure" (its relation follows it).
    /// d2: "Lithium" relabeled Disease (its relation kept).
    /// d3: a spurious Disease "patient" added.
    /// </summary>
    public static IReadOnlyList<AnnotatedDocument> EditedPrediction() =>
    [
        Docs.Annotated("d1", Text1, ("Cisplatin", "Chemical"), ("renal failure", "Disease"))
            .WithRelation("CID", "T1", "T2"),
        Docs.Annotated("d2", Text2, ("Lithium", "Disease"), ("haloperidol", "Chemical"), ("neurotoxicity", "Disease"))
            .WithRelation("CID", "T1", "T3").WithRelation("CID", "T2", "T3"),
        Docs.Annotated("d3", Text3, ("Aspirin", "Chemical"), ("fever", "Disease"), ("patient", "Disease")),
    ];
}
