using System.IO.Compression;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Core.Tests.Packaging;

public sealed class ModelPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-pkg-").FullName;
    private static readonly LabelSchema Schema = LabelSchema.FromLabels(["Chemical", "Disease"]);
    private static readonly HashSet<string> Kinds = ["Test.Component.v1"];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Build(string name = "m.zip")
    {
        var path = Path.Combine(_dir, name);
        new ModelPackageBuilder("test-model", Schema) { Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }
            .AddComponent("ner", "Test.Component.v1", new Dictionary<string, byte[]> { ["weights.bin"] = [1, 2, 3], ["labels.json"] = Encoding.UTF8.GetBytes("[\"Chemical\"]") })
            .SetJson(ModelPackage.MetricsEntry, new System.Text.Json.Nodes.JsonObject { ["f1"] = 0.5 })
            .Save(path);
        return path;
    }

    /// <summary>Rewrites a package zip entry by entry: <paramref name="edit"/> may change bytes (return null to drop the entry).</summary>
    private string Rewrite(string source, Func<string, byte[], byte[]?> edit, params (string Name, byte[] Data)[] extra)
    {
        var target = Path.Combine(_dir, $"edited-{Guid.NewGuid():N}.zip");
        using (var src = ZipFile.OpenRead(source))
        using (var dst = ZipFile.Open(target, ZipArchiveMode.Create))
        {
            foreach (var e in src.Entries)
            {
                using var ms = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(ms);
                var data = edit(e.FullName, ms.ToArray());
                if (data is null) continue;
                using var w = dst.CreateEntry(e.FullName).Open();
                w.Write(data);
            }
            foreach (var (name, data) in extra)
            {
                using var w = dst.CreateEntry(name).Open();
                w.Write(data);
            }
        }
        return target;
    }

    private static void ShouldRefuse(string path, string code, string contains)
    {
        var act = () => ModelPackage.Open(path, Kinds);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == code && e.Message.Contains(contains), $"expected {code} mentioning '{contains}'");
    }

    [Fact]
    public void Round_trips_components_files_and_schema()
    {
        var package = ModelPackage.Open(Build(), Kinds);
        package.Name.Should().Be("test-model");
        package.Version.Should().HaveLength(12);
        package.Schema.EntityLabels.Should().Equal("Chemical", "Disease");
        var ner = package.FindComponent("ner")!;
        ner.Kind.Should().Be("Test.Component.v1");
        package.ReadComponentFile(ner, "weights.bin").Should().Equal(1, 2, 3);
        package.ReadText(ModelPackage.MetricsEntry).Should().Contain("0.5");
        package.Manifest.Producer.Should().ContainKey("Asclepius.TextMining");
    }

    [Fact]
    public void Same_content_gives_the_same_bytes_and_version()
    {
        var a = File.ReadAllBytes(Build("a.zip"));
        var b = File.ReadAllBytes(Build("b.zip"));
        a.Should().Equal(b);
    }

    [Fact]
    public void Tampered_entry_is_refused() =>
        ShouldRefuse(Rewrite(Build(), (n, d) => n.EndsWith("weights.bin") ? [9, 9, 9] : d), ErrorCodes.PackageHashMismatch, "weights.bin");

    [Fact]
    public void Unlisted_entry_is_refused() =>
        ShouldRefuse(Rewrite(Build(), (_, d) => d, ("extra.bin", [1])), ErrorCodes.PackageHashMismatch, "not listed");

    [Fact]
    public void Missing_entry_is_refused() =>
        ShouldRefuse(Rewrite(Build(), (n, d) => n.EndsWith("weights.bin") ? null : d), ErrorCodes.PackageHashMismatch, "missing");

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("/etc/evil")]
    [InlineData("components/../../evil")]
    [InlineData("C:/evil")]
    [InlineData("a\\..\\evil")]
    public void Entry_paths_that_escape_are_refused(string evil) =>
        ShouldRefuse(Rewrite(Build(), (_, d) => d, (evil, [1])), ErrorCodes.PackageUnsafePath, "not allowed");

    [Fact]
    public void Newer_reader_version_is_refused() =>
        ShouldRefuse(Rewrite(Build(), (n, d) => n == "manifest.json" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(d).Replace("\"min_reader_version\": 1", "\"min_reader_version\": 99")) : d),
            ErrorCodes.PackageVersionUnsupported, "upgrade");

    [Fact]
    public void Unknown_component_kind_is_refused()
    {
        var act = () => ModelPackage.Open(Build(), new HashSet<string> { "Other.Kind.v1" });
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageComponentUnknown && e.Message.Contains("Test.Component.v1"));
    }

    [Fact]
    public void Not_a_zip_and_no_manifest_are_refused()
    {
        var junk = Path.Combine(_dir, "junk.zip");
        File.WriteAllText(junk, "not a zip");
        ShouldRefuse(junk, ErrorCodes.PackageMalformed, "zip");
        ShouldRefuse(Rewrite(Build(), (n, d) => n == "manifest.json" ? null : d), ErrorCodes.PackageMalformed, "manifest.json is missing");
    }

    [Fact]
    public void Labels_outside_the_schema_are_refused()
    {
        var package = ModelPackage.Open(Build(), Kinds);
        var act = () => package.CheckLabels(package.FindComponent("ner")!, ["Chemical", "Gene"]);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageSchemaMismatch && e.Message.Contains("Gene"));
    }

    [Fact]
    public void Copy_with_an_added_component_keeps_the_original_components()
    {
        var original = ModelPackage.Open(Build(), Kinds);
        var copy = Path.Combine(_dir, "copy.zip");
        ModelPackageBuilder.From(original).AddComponent("relations", "Test.Component.v1", new Dictionary<string, byte[]> { ["w"] = [4] }).Save(copy);
        var reopened = ModelPackage.Open(copy, Kinds);
        reopened.Components.Select(c => c.Name).Should().Equal("ner", "relations");
        reopened.ReadText(ModelPackage.MetricsEntry).Should().Contain("0.5");
        reopened.Version.Should().NotBe(original.Version);
    }

    [Fact]
    public void Extracts_inside_the_target_folder()
    {
        var target = Path.Combine(_dir, "out");
        ModelPackage.Open(Build(), Kinds).ExtractTo(target);
        File.Exists(Path.Combine(target, "components", "ner", "weights.bin")).Should().BeTrue();
    }
}
