using System.Text;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// A site vocabulary ready to link against: concepts, the distinct normalized names (terms) with the
/// concepts each leads to (best first), and the 3-gram index over the terms. Built once by
/// <see cref="VocabularyBuilder"/>, stored as one binary file (<see cref="FileName"/>), loaded without
/// rebuilding anything but two hash tables. Immutable and thread-safe.
/// Layout (version 1; little-endian; strings are BinaryWriter's length-prefixed UTF-8):
/// "ATMVOC" int version; int concepts, then per concept: id, name, vocabulary, domain, byte standard;
/// int terms, then per term: string; int[terms + 1] offsets; int entries; int[entries] target concept;
/// int[entries] source concept; then the <see cref="TrigramIndex"/> layout.
/// </summary>
public sealed class ConceptVocabulary
{
    public const string FileName = "vocabulary.bin";
    private const string Magic = "ATMVOC";
    private const int Version = 1;

    private readonly string[] _terms;
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly int[] _sources;
    private readonly Dictionary<string, int> _termIndex;
    private readonly HashSet<string> _conceptIds;

    internal ConceptVocabulary(VocabularyConcept[] concepts, string[] terms, int[] offsets, int[] targets, int[] sources, TrigramIndex index)
    {
        Concepts = concepts;
        _terms = terms;
        _offsets = offsets;
        _targets = targets;
        _sources = sources;
        Index = index;
        Index.AttachTerms(terms);
        _termIndex = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++) _termIndex[terms[i]] = i;
        _conceptIds = concepts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<VocabularyConcept> Concepts { get; }
    public int TermCount => _terms.Length;
    public int EntryCount => _targets.Length;
    public TrigramIndex Index { get; }

    /// <summary>The preferred (target, source) concepts of a term that <paramref name="scope"/> accepts; null when none.</summary>
    public (VocabularyConcept Target, VocabularyConcept Source)? Best(int term, LabelScope scope)
    {
        for (var e = _offsets[term]; e < _offsets[term + 1]; e++)
        {
            var target = Concepts[_targets[e]];
            if (scope.Accepts(target)) return (target, Concepts[_sources[e]]);
        }
        return null;
    }

    public bool TryExact(string normalized, out int term) => _termIndex.TryGetValue(normalized, out term);

    public string Term(int term) => _terms[term];

    public bool ContainsConcept(string id) => _conceptIds.Contains(id);

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        w.Write(Version);
        w.Write(Concepts.Count);
        foreach (var c in Concepts)
        {
            w.Write(c.Id);
            w.Write(c.Name);
            w.Write(c.Vocabulary);
            w.Write(c.Domain);
            w.Write(c.Standard);
        }
        w.Write(_terms.Length);
        foreach (var t in _terms) w.Write(t);
        foreach (var o in _offsets) w.Write(o);
        w.Write(_targets.Length);
        foreach (var t in _targets) w.Write(t);
        foreach (var s in _sources) w.Write(s);
        Index.Write(w);
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        Write(ms);
        return ms.ToArray();
    }

    /// <summary>Reads a vocabulary; anything malformed is an ATM801 naming <paramref name="location"/>.</summary>
    public static ConceptVocabulary Read(Stream stream, string location)
    {
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (Encoding.ASCII.GetString(r.ReadBytes(Magic.Length)) != Magic) throw new InvalidDataException("not a vocabulary file");
            var version = r.ReadInt32();
            if (version != Version) throw new InvalidDataException($"vocabulary format version {version} is not supported (this build reads {Version})");
            var concepts = new VocabularyConcept[Count(r)];
            for (var i = 0; i < concepts.Length; i++)
                concepts[i] = new VocabularyConcept(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadBoolean());
            var terms = new string[Count(r)];
            for (var i = 0; i < terms.Length; i++) terms[i] = r.ReadString();
            var offsets = new int[terms.Length + 1];
            for (var i = 0; i < offsets.Length; i++) offsets[i] = r.ReadInt32();
            var entries = Count(r);
            var targets = new int[entries];
            for (var i = 0; i < entries; i++) targets[i] = r.ReadInt32();
            var sources = new int[entries];
            for (var i = 0; i < entries; i++) sources[i] = r.ReadInt32();
            if (offsets[0] != 0 || offsets[^1] != entries || offsets.Zip(offsets.Skip(1)).Any(p => p.First > p.Second)
                || targets.Concat(sources).Any(c => (uint)c >= (uint)concepts.Length))
                throw new InvalidDataException("term entries are inconsistent");
            var index = TrigramIndex.Read(r);
            if (index.TermCount != terms.Length) throw new InvalidDataException("the index was built over another number of terms");
            return new ConceptVocabulary(concepts, terms, offsets, targets, sources, index);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException or FormatException)
        {
            throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"vocabulary is malformed: {ex.Message}", location, ex);
        }
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        return n >= 0 ? n : throw new InvalidDataException("a negative count");
    }
}
