using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats.Support;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// Plain notes as text files: a folder of <c>*.txt</c> (top level, in ordinal name order) or one <c>.txt</c> file.
/// The id is the file name without extension; metadata "file" keeps the name. Each file must be UTF-8 (a BOM
/// is dropped); NUL bytes or invalid UTF-8 are ATM104 (with the line), an empty file is ATM105, a file over
/// <see cref="ReadOptions.MaxDocumentChars"/> is ATM109: in lenient mode that file is skipped and reported.
/// The writer writes one "id.txt" per document into a folder (characters unsafe in file names become '_').
/// </summary>
public sealed class TxtFormat : ICorpusFormat
{
    public const string FormatName = "txt";

    public string Name => FormatName;

    public bool Detect(string path) =>
        (Sniff.IsFile(path) && Sniff.HasExtension(path, ".txt", ".text"))
        || (Directory.Exists(path) && Sniff.FolderHas(path, "*.txt") && !Sniff.FolderHas(path, "*.ann"));

    public IEnumerable<AnnotatedDocument> Read(string path, ReadOptions options, ReadReport report)
    {
        IReadOnlyList<string> files;
        if (File.Exists(path)) files = [path];
        else if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path)
                .Where(f => Path.GetExtension(f).Equals(".txt", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                new ProblemSink(path, options, report).Fail(ErrorCodes.EmptyInput, "no .txt files in the folder");
                yield break;
            }
        }
        else
        {
            new ProblemSink(path, options, report).FailFile(new TextMiningException(ErrorCodes.UnreadableInput, "no such file or folder", path));
            yield break;
        }

        foreach (var file in files)
        {
            var id = Path.GetFileNameWithoutExtension(file);
            AnnotatedDocument? doc = null;
            try
            {
                var text = TextFiles.ReadAllStrict(file, options.MaxDocumentChars);
                if (text.Trim().Length == 0) throw new RecordException(ErrorCodes.EmptyInput, "empty note");
                doc = new AnnotatedDocument(new Document(id, text, new Dictionary<string, string> { ["file"] = Path.GetFileName(file) }));
            }
            catch (RecordException e)
            {
                new ProblemSink(file, options, report).Fail(e.At(null, id));
            }
            if (doc is not null) yield return doc;
        }
    }

    public void Write(IEnumerable<AnnotatedDocument> documents, string path) => Write(documents, path, new ReadReport());

    public void Write(IEnumerable<AnnotatedDocument> documents, string path, ReadReport report)
    {
        Directory.CreateDirectory(path);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in documents)
        {
            if (doc.Text.Trim().Length == 0)
            {
                // The reader refuses an empty or blank file (ATM105): writing one would lose the note later, unreported.
                report.Add(new ReadProblem(path, null, doc.Id, ErrorCodes.NotRepresentable, "an empty or blank text is not written: the txt reader refuses an empty note file"));
                continue;
            }
            var name = SafeName(doc.Id);
            var unique = name;
            for (var k = 2; !used.Add(unique); k++) unique = $"{name}_{k}";
            if (unique != doc.Id) report.Count("txt: document id changed to make a file name");
            if (doc.Entities.Count > 0) report.Count("txt: entities and relations not written (plain text)");
            TextFiles.WriteAll(Path.Combine(path, unique + ".txt"), doc.Text);
        }
    }

    private static string SafeName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var s = sb.ToString().Trim('.');
        return s.Length == 0 ? "doc" : s;
    }
}
