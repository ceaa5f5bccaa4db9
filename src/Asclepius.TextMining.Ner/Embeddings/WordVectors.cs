using System.Globalization;
using System.Text;

namespace Asclepius.TextMining.Ner.Embeddings;

/// <summary>Trained word vectors; <see cref="WriteText"/> writes the word2vec text format that BiLstmCrfOptions.PretrainedEmbeddings reads.</summary>
public sealed class WordVectors
{
    public WordVectors(IReadOnlyList<string> words, int dim, float[] values)
    {
        if (values.Length != words.Count * dim) throw new ArgumentException("values must hold words × dim numbers");
        Words = words;
        Dim = dim;
        Values = values;
    }

    public IReadOnlyList<string> Words { get; }
    public int Dim { get; }
    /// <summary>Row-major [word, dim].</summary>
    public float[] Values { get; }

    public ReadOnlySpan<float> Vector(int index) => Values.AsSpan(index * Dim, Dim);

    /// <summary>Words most similar by cosine, for a quick look at what was learned.</summary>
    public IReadOnlyList<(string Word, double Cosine)> Nearest(string word, int count)
    {
        var index = -1;
        for (var i = 0; i < Words.Count; i++) if (Words[i] == word) { index = i; break; }
        if (index < 0) return Array.Empty<(string, double)>();
        var scored = new List<(string Word, double Cosine)>(Words.Count);
        for (var i = 0; i < Words.Count; i++)
            if (i != index) scored.Add((Words[i], Cosine(Vector(index), Vector(i))));
        return scored.OrderByDescending(x => x.Cosine).Take(count).ToArray();
    }

    public void WriteText(string path)
    {
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Words.Count} {Dim}\n"));
            var line = new StringBuilder();
            for (var i = 0; i < Words.Count; i++)
            {
                line.Clear().Append(Words[i]);
                foreach (var v in Vector(i)) line.Append(' ').Append(v.ToString("G6", CultureInfo.InvariantCulture));
                writer.Write(line.Append('\n'));
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
