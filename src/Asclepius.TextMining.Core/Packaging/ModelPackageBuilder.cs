using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// Builds a model package. Entry order and timestamps are fixed, so the same content gives the same
/// bytes and the same version (the version is a hash of the whole manifest, entries' sha256 included:
/// PackageManifest.ContentVersion). Saving writes a temporary file
/// and moves it over the target, so a reader never sees half a package.
/// </summary>
public sealed class ModelPackageBuilder
{
    private readonly SortedDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private readonly List<PackageComponent> _components = new();
    private readonly Dictionary<string, string> _producer = new(StringComparer.Ordinal);

    public ModelPackageBuilder(string name, LabelSchema schema)
    {
        ModelPackage.CheckEntryPath(name, "package name");
        Name = name;
        Schema = schema;
        _producer["Asclepius.TextMining"] = typeof(ModelPackageBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
        _producer["dotnet"] = Environment.Version.ToString();
    }

    public string Name { get; }
    public LabelSchema Schema { get; private set; }
    public string? TrainingDataSha256 { get; set; }
    public DateTimeOffset Created { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>A builder holding everything of an existing package (to add a component to a copy of it).</summary>
    public static ModelPackageBuilder From(ModelPackage package, string? newName = null)
    {
        var b = new ModelPackageBuilder(newName ?? package.Name, package.Schema) { TrainingDataSha256 = package.Manifest.TrainingDataSha256 };
        foreach (var (k, v) in package.Manifest.Producer) b._producer[k] = v;
        foreach (var name in package.EntryNames)
        {
            if (name == PackageManifest.FileName || name == ModelPackage.SchemaEntry || name.StartsWith("components/", StringComparison.Ordinal)) continue;
            b._entries[name] = package.ReadEntry(name);
        }
        foreach (var c in package.Components) b.AddComponent(c.Name, c.Kind, package.ReadComponentFiles(c));
        return b;
    }

    public ModelPackageBuilder WithSchema(LabelSchema schema)
    {
        Schema = schema;
        return this;
    }

    /// <summary>Records the version of a library that produced the weights (ML.NET, TorchSharp ...).</summary>
    public ModelPackageBuilder WithProducer(string name, string version)
    {
        _producer[name] = version;
        return this;
    }

    public ModelPackageBuilder AddComponent(string name, string kind, IReadOnlyDictionary<string, byte[]> files)
    {
        ModelPackage.CheckEntryPath(name, $"component '{name}'");
        if (_components.Any(c => c.Name == name)) throw new ArgumentException($"component '{name}' is already in the package");
        foreach (var (file, data) in files)
        {
            var entry = ModelPackage.ComponentEntry(name, file);
            ModelPackage.CheckEntryPath(entry, $"component '{name}'");
            _entries[entry] = data;
        }
        _components.Add(new PackageComponent(name, kind, files.Keys.OrderBy(f => f, StringComparer.Ordinal).ToArray()));
        return this;
    }

    /// <summary>The files of a component already added, by file name (to move or copy it).</summary>
    public IReadOnlyDictionary<string, byte[]> ComponentFiles(string name)
    {
        var c = _components.FirstOrDefault(x => x.Name == name) ?? throw new ArgumentException($"component '{name}' is not in the package");
        return c.Files.ToDictionary(f => f, f => _entries[ModelPackage.ComponentEntry(name, f)], StringComparer.Ordinal);
    }

    public ModelPackageBuilder RemoveComponent(string name)
    {
        var c = _components.FirstOrDefault(x => x.Name == name);
        if (c is null) return this;
        foreach (var f in c.Files) _entries.Remove(ModelPackage.ComponentEntry(name, f));
        _components.Remove(c);
        return this;
    }

    /// <summary>Adds or replaces a package-level file: metrics.json, training/options.json, training/data.json, ...</summary>
    public ModelPackageBuilder SetFile(string entry, byte[] data)
    {
        ModelPackage.CheckEntryPath(entry, entry);
        if (entry == PackageManifest.FileName || entry.StartsWith("components/", StringComparison.Ordinal))
            throw new ArgumentException($"'{entry}' is managed by the builder");
        _entries[entry] = data;
        return this;
    }

    public ModelPackageBuilder SetJson(string entry, JsonNode json) =>
        SetFile(entry, Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));

    public IReadOnlyList<PackageComponent> Components => _components;

    public void Save(string path)
    {
        _entries[ModelPackage.SchemaEntry] = Encoding.UTF8.GetBytes(Schema.ToJson());
        var hashes = _entries.ToDictionary(e => e.Key, e => ModelPackage.Sha256Hex(e.Value), StringComparer.Ordinal);
        var manifest = new PackageManifest(ModelPackage.CurrentFormatVersion, 1, Name, "", Created, _producer, TrainingDataSha256, _components.ToArray(), hashes);
        manifest = manifest with { Version = manifest.ContentVersion() };

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Environment.ProcessId}";
        using (var fs = File.Create(temp))
        using (var zip = new ZipArchive(fs, ZipArchiveMode.Create))
        {
            Write(zip, PackageManifest.FileName, Encoding.UTF8.GetBytes(manifest.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            foreach (var (name, data) in _entries) Write(zip, name, data);
        }
        File.Move(temp, full, overwrite: true);
    }

    private static void Write(ZipArchive zip, string name, byte[] data)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = ZipTimestamps.Fixed;
        using var s = entry.Open();
        s.Write(data);
    }
}
