using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats;

/// <summary>
/// The registry of corpus formats: finds a format by name or by detection, and reads or writes whole
/// corpora. Detection tries formats in registration order; the most specific come first.
/// </summary>
public static class CorpusFormats
{
    private static readonly List<ICorpusFormat> Registered = new();

    // Detection order: formats recognised by a distinctive first line or folder layout come first;
    // the generic ones (CoNLL columns, plain text) last.
    static CorpusFormats()
    {
        Register(new PubTatorFormat());
        Register(new AdeFormat());
        Register(new BratFormat());
        Register(new ChemProtFormat());
        Register(new JsonlFormat());
        Register(new NegExFormat());
        Register(new BioBertTsvFormat());
        Register(new ConllFormat());
        Register(new CsvFormat());
        Register(new TxtFormat());
    }

    public static IReadOnlyList<ICorpusFormat> All => Registered;

    public static IEnumerable<string> Names => Registered.Select(f => f.Name);

    public static ICorpusFormat Get(string name) =>
        Registered.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new TextMiningException(ErrorCodes.UnknownFormat, $"unknown format '{name}'; known formats: {string.Join(", ", Names)}");

    /// <summary>The format named, or the one detected from the path when <paramref name="name"/> is null.</summary>
    public static ICorpusFormat Resolve(string path, string? name = null)
    {
        Files.SpecialFile.Refuse(path);
        if (name is not null) return Get(name);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new TextMiningException(ErrorCodes.UnreadableInput, "no such file or folder", path);
        return Registered.FirstOrDefault(f => f.Detect(path))
            ?? throw new TextMiningException(ErrorCodes.UnknownFormat, $"cannot tell the format; pass --format with one of: {string.Join(", ", Names)}", path);
    }

    public static IEnumerable<AnnotatedDocument> Read(string path, string? format, ReadOptions options, ReadReport report) =>
        Resolve(path, format).Read(path, options, report);

    /// <summary>Reads everything into memory (training and evaluation corpora are small enough).</summary>
    public static IReadOnlyList<AnnotatedDocument> ReadAll(string path, string? format = null, ReadOptions? options = null, ReadReport? report = null) =>
        Read(path, format, options ?? ReadOptions.Strict, report ?? new ReadReport()).ToList();

    public static void Write(IEnumerable<AnnotatedDocument> documents, string path, string format) => Get(format).Write(documents, path);

    /// <summary>Writes and reports in <paramref name="report"/> whatever the format could not hold.</summary>
    public static void Write(IEnumerable<AnnotatedDocument> documents, string path, string format, ReadReport report) =>
        Get(format).Write(documents, path, report);

    internal static void Register(ICorpusFormat format) => Registered.Add(format);
}
