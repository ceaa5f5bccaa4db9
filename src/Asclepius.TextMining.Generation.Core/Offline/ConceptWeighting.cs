namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// How the offline generator weighs its concept draw by how often real text names each concept
/// (data/concept-counts.tsv, <see cref="ConceptCounts"/>): a concept with count c is drawn with weight
/// (c + <see cref="Prior"/>)^<see cref="Strength"/>. Strength 0 is the uniform draw, 1 draws in proportion to the
/// smoothed counts; the prior is the floor that keeps concepts real text never named in the data. The weights move
/// probability only between the concepts of one lexicon class, so every class keeps the share the uniform draw gives
/// it: the class mix is what the templates ask for, and composed names (class "composed", no counts) keep theirs.
/// Why: a uniform draw over ~1,700 chemicals and ~1,200 diseases shows a model "pain" or "bone" as often as a
/// research ligand, and 2,500 documents then hold too few of the words notes use most (docs/BENCHMARKS.md, "Real notes").
/// </summary>
public sealed record ConceptWeighting
{
    /// <summary>
    /// Exponent on the smoothed count (0: uniform, 1: proportional). 1 gave BC5CDR dev +0.004 on five of five seeds at an
    /// unchanged ADE and NegEx dev; 0.5 and 2 did less (docs/BENCHMARKS.md, "Real notes", fifth session).
    /// </summary>
    public double Strength { get; init; } = 1;

    /// <summary>Pseudo-count added to every concept's count (&gt; 0): the floor of a concept real text never named (5 was no better on dev).</summary>
    public double Prior { get; init; } = 1;
}
