using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// A model package read and verified: every entry's sha256 matches the manifest, no entry is missing or
/// unlisted, no entry path could escape a folder it is extracted to, the format version is one this
/// reader knows, every component kind is known to the caller. Entries are held in memory (packages are
/// tens of MB at most) so nothing is extracted to disk unless asked. Immutable and thread-safe.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>
    /// The newest manifest format this code writes and reads. 2: the version covers the whole manifest, not
    /// only the entries (PackageManifest.ContentVersion). Format 1 packages are still read.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>The most bytes a package may inflate to, all entries together: a zip bomb is refused while it inflates, not after.</summary>
    public const long MaxInflatedBytes = 1L << 30;

    public const string SchemaEntry = "schema.json";
    public const string MetricsEntry = "metrics.json";
    public const string TrainingOptionsEntry = "training/options.json";
    public const string TrainingDataEntry = "training/data.json";

    private readonly IReadOnlyDictionary<string, byte[]> _entries;

    private ModelPackage(string path, PackageManifest manifest, IReadOnlyDictionary<string, byte[]> entries, LabelSchema schema)
    {
        Path = path;
        Manifest = manifest;
        _entries = entries;
        Schema = schema;
    }

    public string Path { get; }
    public PackageManifest Manifest { get; }
    public LabelSchema Schema { get; }
    public string Name => Manifest.Name;
    public string Version => Manifest.Version;

    /// <summary>"name version", what NOTE_NLP.nlp_system and logs name.</summary>
    public string Identity => $"{Manifest.Name} {Manifest.Version}";

    public IReadOnlyList<PackageComponent> Components => Manifest.Components;

    public IEnumerable<string> EntryNames => _entries.Keys;

    /// <summary>Opens and verifies a package. <paramref name="knownKinds"/>: the component kinds the caller can load (null: do not check).</summary>
    public static ModelPackage Open(string path, IReadOnlySet<string>? knownKinds = null)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "model package not found", path);
        Files.SpecialFile.Refuse(path);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException ex) { throw new TextMiningException(ErrorCodes.UnreadableInput, ex.Message, path, ex); }
        return Open(bytes, path, knownKinds);
    }

    public static ModelPackage Open(byte[] zipBytes, string path, IReadOnlySet<string>? knownKinds = null) =>
        Open(zipBytes, path, knownKinds, MaxInflatedBytes);

    internal static ModelPackage Open(byte[] zipBytes, string path, IReadOnlySet<string>? knownKinds, long maxInflatedBytes)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var inflated = 0L;
        var buffer = new byte[81920];
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // folder entry
                CheckEntryPath(entry.FullName, path);
                if (entries.ContainsKey(entry.FullName))
                    throw new TextMiningException(ErrorCodes.PackageMalformed, $"entry '{entry.FullName}' appears twice", path);
                // The sizes the zip declares can lie: count what actually inflates.
                if (inflated + entry.Length > maxInflatedBytes) throw TooLarge(path, maxInflatedBytes);
                using var s = entry.Open();
                using var ms = new MemoryStream();
                int n;
                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += n;
                    if (inflated > maxInflatedBytes) throw TooLarge(path, maxInflatedBytes);
                    ms.Write(buffer, 0, n);
                }
                entries[entry.FullName] = ms.ToArray();
            }
        }
        catch (InvalidDataException ex)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"not a valid zip: {ex.Message}", path, ex);
        }

        if (!entries.TryGetValue(PackageManifest.FileName, out var manifestBytes))
            throw new TextMiningException(ErrorCodes.PackageMalformed, "manifest.json is missing", path);
        var manifest = PackageManifest.Parse(Encoding.UTF8.GetString(manifestBytes), $"{path}!manifest.json");

        if (manifest.MinReaderVersion > CurrentFormatVersion)
            throw new TextMiningException(ErrorCodes.PackageVersionUnsupported,
                $"package format {manifest.FormatVersion} needs a reader of version {manifest.MinReaderVersion}; this build reads up to {CurrentFormatVersion}: upgrade Asclepius.TextMining", path);

        foreach (var (name, expected) in manifest.Entries)
        {
            if (!entries.TryGetValue(name, out var data))
                throw new TextMiningException(ErrorCodes.PackageHashMismatch, $"entry '{name}' listed in the manifest is missing", path);
            var actual = Sha256Hex(data);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new TextMiningException(ErrorCodes.PackageHashMismatch, $"entry '{name}' has sha256 {actual[..12]}…, the manifest says {expected[..Math.Min(12, expected.Length)]}…: the package was altered or damaged", path);
        }
        foreach (var name in entries.Keys)
            if (name != PackageManifest.FileName && !manifest.Entries.ContainsKey(name))
                throw new TextMiningException(ErrorCodes.PackageHashMismatch, $"entry '{name}' is not listed in the manifest: the package was altered", path);

        CheckComponentsOwnTheirFiles(manifest, path);
        var contentVersion = manifest.ContentVersion();
        if (!string.Equals(contentVersion, manifest.Version, StringComparison.Ordinal))
            throw new TextMiningException(ErrorCodes.PackageHashMismatch,
                $"manifest.json says version '{manifest.Version}', but its content gives '{contentVersion}': the manifest was altered (a component, a kind, an entry's sha256 or another field changed)", path);

        foreach (var component in manifest.Components)
        {
            if (knownKinds is not null && !knownKinds.Contains(component.Kind))
                throw new TextMiningException(ErrorCodes.PackageComponentUnknown,
                    $"component '{component.Name}' has kind '{component.Kind}', which this build cannot load; known kinds: {string.Join(", ", knownKinds.Order())}", path);
            foreach (var file in component.Files)
                if (!entries.ContainsKey(ComponentEntry(component.Name, file)))
                    throw new TextMiningException(ErrorCodes.PackageMalformed, $"component '{component.Name}' names file '{file}', which is not in the package", path);
        }

        if (!entries.TryGetValue(SchemaEntry, out var schemaBytes))
            throw new TextMiningException(ErrorCodes.PackageMalformed, "schema.json is missing", path);
        var schema = LabelSchema.Parse(Encoding.UTF8.GetString(schemaBytes), $"{path}!schema.json");
        return new ModelPackage(path, manifest, entries, schema);
    }

    /// <summary>
    /// Every file under components/ belongs to exactly the component the manifest lists it under, and component
    /// names are unique: a component taken out of the manifest's list (its files left behind) is refused, for
    /// format 1 packages too, whose version does not cover the list.
    /// </summary>
    private static void CheckComponentsOwnTheirFiles(PackageManifest manifest, string path)
    {
        var owned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in manifest.Components)
        {
            CheckEntryPath(component.Name, path);
            if (manifest.Components.Count(c => c.Name == component.Name) > 1)
                throw new TextMiningException(ErrorCodes.PackageMalformed, $"component '{component.Name}' is listed twice", path);
            foreach (var file in component.Files) owned.Add(ComponentEntry(component.Name, file));
        }
        var orphan = manifest.Entries.Keys.Where(e => e.StartsWith("components/", StringComparison.Ordinal) && !owned.Contains(e)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (orphan is not null)
            throw new TextMiningException(ErrorCodes.PackageHashMismatch,
                $"entry '{orphan}' belongs to no component the manifest lists: the package was altered (a component taken out of the list?)", path);
    }

    public PackageComponent? FindComponent(string name) => Manifest.Components.FirstOrDefault(c => c.Name == name);

    public IEnumerable<PackageComponent> ComponentsOfKind(string kindPrefix) =>
        Manifest.Components.Where(c => c.Kind.StartsWith(kindPrefix, StringComparison.Ordinal));

    public byte[] ReadComponentFile(PackageComponent component, string file) =>
        ReadEntry(ComponentEntry(component.Name, file));

    public string ReadComponentText(PackageComponent component, string file) =>
        Encoding.UTF8.GetString(ReadComponentFile(component, file));

    /// <summary>The files of a component by name, as the component's loader wants them.</summary>
    public IReadOnlyDictionary<string, byte[]> ReadComponentFiles(PackageComponent component) =>
        component.Files.ToDictionary(f => f, f => ReadComponentFile(component, f), StringComparer.Ordinal);

    public bool HasEntry(string name) => _entries.ContainsKey(name);

    private static TextMiningException TooLarge(string path, long max) =>
        new(ErrorCodes.PackageMalformed, $"the package inflates to more than {max:N0} bytes; refused before reading further (a damaged or hostile zip)", path);

    public byte[] ReadEntry(string name) =>
        _entries.TryGetValue(name, out var data)
            ? data
            : throw new TextMiningException(ErrorCodes.PackageMalformed, $"entry '{name}' is not in the package", Path);

    public string? ReadText(string name) => _entries.TryGetValue(name, out var data) ? Encoding.UTF8.GetString(data) : null;

    /// <summary>
    /// Refuses a component whose label vocabulary does not match the package schema: a model that
    /// predicts labels the schema does not define (or was trained against another schema) must not load.
    /// </summary>
    public void CheckLabels(PackageComponent component, IEnumerable<string> labels, bool relations = false)
    {
        var allowed = (relations ? Schema.RelationLabels : Schema.EntityLabels).ToHashSet(StringComparer.Ordinal);
        var unknown = labels.Where(l => !allowed.Contains(l)).Distinct().ToArray();
        if (unknown.Length > 0)
            throw new TextMiningException(ErrorCodes.PackageSchemaMismatch,
                $"component '{component.Name}' uses labels {string.Join(", ", unknown)} that schema '{Schema.Name}' does not define ({string.Join(", ", allowed)})", Path);
    }

    /// <summary>Writes every entry below <paramref name="targetFolder"/>; refuses any path that would land outside it.</summary>
    public void ExtractTo(string targetFolder)
    {
        var root = System.IO.Path.GetFullPath(targetFolder);
        var rootWithSep = root.EndsWith(System.IO.Path.DirectorySeparatorChar) ? root : root + System.IO.Path.DirectorySeparatorChar;
        foreach (var (name, data) in _entries)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
            if (!full.StartsWith(rootWithSep, StringComparison.Ordinal))
                throw new TextMiningException(ErrorCodes.PackageUnsafePath, $"entry '{name}' would be written outside {root}", Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, data);
        }
    }

    public static string ComponentEntry(string component, string file) => $"components/{component}/{file}";

    public static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>Entry names are relative, forward-slashed, without "..", drive letters or control characters.</summary>
    internal static void CheckEntryPath(string name, string location)
    {
        var bad = name.Length == 0
                  || name.StartsWith('/') || name.StartsWith('\\')
                  || name.Contains('\\')
                  || (name.Length > 1 && name[1] == ':')
                  || name.Split('/').Any(part => part is ".." or ".")
                  || name.Any(char.IsControl);
        if (bad) throw new TextMiningException(ErrorCodes.PackageUnsafePath, $"entry path '{name}' is not allowed (absolute, '..' or odd characters)", location);
    }
}
