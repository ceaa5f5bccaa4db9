using System.Text;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Bench.BiLstm;

/// <summary>
/// Unlabeled text for word vectors: the notes in shared/data (mtsamples, pmc_patients, synthetic_notes:
/// their "text" column) and the titles and abstracts of BC5CDR train only (never dev or test).
/// </summary>
internal static class Unlabeled
{
    public static IEnumerable<string> Texts(string sharedData)
    {
        foreach (var csv in new[] { "mtsamples/mtsamples_sample.csv", "pmc_patients/pmc_patients_sample.csv", "synthetic_notes/synthetic_notes.csv" })
            foreach (var text in CsvColumn(Path.Combine(sharedData, csv), "text"))
                yield return text;
        foreach (var doc in new PubTatorFormat().Read(Path.Combine(sharedData, "bc5cdr/pubtator/CDR_TrainingSet.PubTator.txt"), ReadOptions.Strict, new ReadReport()))
            yield return doc.Text;
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<string> CsvColumn(string path, string column)
    {
        var content = File.ReadAllText(path);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r')); field.Clear();
                rows.Add(row); row = new List<string>();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        var at = rows[0].IndexOf(column);
        if (at < 0) throw new InvalidDataException($"{path}: no column '{column}'");
        foreach (var r in rows.Skip(1))
            if (r.Count > at && r[at].Length > 0) yield return r[at];
    }
}
