using System.Globalization;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Word vectors in word2vec text format: an optional header line "count dim", then "word v1 … vdim" per
/// line. Words are normalized as the network sees them (<see cref="WordFeatures.Normalize"/>); when two
/// words normalize alike the first one wins. A bad line is an error naming file and line.
/// </summary>
internal sealed class PretrainedEmbeddings
{
    private PretrainedEmbeddings(int dim, List<string> words, List<float[]> vectors)
    {
        Dim = dim;
        Words = words;
        Vectors = vectors;
    }

    public int Dim { get; }
    public IReadOnlyList<string> Words { get; }
    public IReadOnlyList<float[]> Vectors { get; }

    public static PretrainedEmbeddings Read(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "pretrained embeddings file not found", path);
        var words = new List<string>();
        var vectors = new List<float[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dim = -1;
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (lineNo == 1 && parts.Length == 2 && int.TryParse(parts[0], out _) && int.TryParse(parts[1], out var headerDim))
            {
                dim = headerDim;
                continue;
            }
            if (dim < 0) dim = parts.Length - 1;
            if (parts.Length != dim + 1 || dim < 1)
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"expected a word and {dim} numbers, found {parts.Length} fields", $"{path}:{lineNo}");
            var vector = new float[dim];
            for (var i = 0; i < dim; i++)
                if (!float.TryParse(parts[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]))
                    throw new TextMiningException(ErrorCodes.MalformedRecord, $"'{parts[i + 1]}' is not a number", $"{path}:{lineNo}");
            var word = WordFeatures.Normalize(parts[0]);
            if (!seen.Add(word)) continue;
            words.Add(word);
            vectors.Add(vector);
        }
        if (words.Count == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "no word vectors in the file", path);
        return new PretrainedEmbeddings(dim, words, vectors);
    }
}
