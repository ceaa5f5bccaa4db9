namespace Asclepius.TextMining.Core.Evaluation;

public enum DocumentPairingMode
{
    /// <summary>Gold and predicted documents with the same id (the default; ids come from the data).</summary>
    ById,

    /// <summary>
    /// The n-th gold document with the n-th predicted one, for formats whose ids are made from the file
    /// name and a counter (CoNLL: "gold-1" and "pred-1" are the same document). Texts must still be equal.
    /// </summary>
    InOrder,
}
