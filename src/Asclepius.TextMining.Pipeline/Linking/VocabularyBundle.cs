using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// What `asclepius link build` writes (vocab.zip): the linker component's files, <see cref="ConceptVocabulary.FileName"/>
/// and <see cref="LinkerOptions.FileName"/>, plus <c>build.json</c> (source kind, counts, problems; never a
/// connection string's password). `package add-linker` copies the first two into a model package, whose
/// manifest then hashes them like every other component file. Entries carry fixed dates: the same
/// vocabulary gives the same bytes.
/// </summary>
public static class VocabularyBundle
{
    public const string BuildInfoFile = "build.json";

    public static void Write(string path, ConceptVocabulary vocabulary, LinkerOptions options, JsonObject buildInfo)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Environment.ProcessId}";
        using (var fs = File.Create(temp))
        using (var zip = new ZipArchive(fs, ZipArchiveMode.Create))
        {
            foreach (var (name, data) in ConceptLinker.Files(vocabulary, options).Append(
                         KeyValuePair.Create(BuildInfoFile, Encoding.UTF8.GetBytes(buildInfo.ToJsonString(new JsonSerializerOptions { WriteIndented = true })))))
            {
                // Fastest: the index is mostly floats, which deflate little; load time matters more than size.
                var entry = zip.CreateEntry(name, name == ConceptVocabulary.FileName ? CompressionLevel.Fastest : CompressionLevel.Optimal);
                entry.LastWriteTime = ZipTimestamps.Fixed;
                using var s = entry.Open();
                s.Write(data);
            }
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The linker component files held in a bundle, checked by loading them.</summary>
    public static Dictionary<string, byte[]> ReadFiles(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.VocabularyInvalid, "vocabulary bundle does not exist", path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var name in new[] { ConceptVocabulary.FileName, LinkerOptions.FileName })
            {
                var entry = zip.GetEntry(name) ?? throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"the bundle has no {name} (was it written by `asclepius link build`?)", path);
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                files[name] = ms.ToArray();
            }
        }
        catch (InvalidDataException ex)
        {
            throw new TextMiningException(ErrorCodes.VocabularyInvalid, $"not a zip file: {ex.Message}", path, ex);
        }
        return files;
    }

    public static ConceptLinker Load(string path)
    {
        var files = ReadFiles(path);
        var options = LinkerOptions.Parse(Encoding.UTF8.GetString(files[LinkerOptions.FileName]), $"{path}!{LinkerOptions.FileName}");
        using var stream = new MemoryStream(files[ConceptVocabulary.FileName], writable: false);
        return new ConceptLinker(ConceptVocabulary.Read(stream, $"{path}!{ConceptVocabulary.FileName}"), options);
    }
}
