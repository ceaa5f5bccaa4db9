using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Core.Tests.Packaging;

/// <summary>
/// The whole manifest (component list, kinds, order, options files and their sha256) is covered by the
/// package's version: an edited manifest is refused as altered, and a package really built without a
/// component has another version (so `label` refuses to resume an output made with the whole model).
/// Format 1 packages (models built before format 2) still open with the version they had.
/// </summary>
public sealed class PackageIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-pkgid-").FullName;
    private static readonly LabelSchema Schema = LabelSchema.FromLabels(["Chemical", "Disease"]);
    private static readonly HashSet<string> Kinds = ["Test.Ner.v1", "Test.Sections.v1", "Test.Context.v1"];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ModelPackageBuilder Builder() =>
        new ModelPackageBuilder("test-model", Schema) { Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }
            .AddComponent("ner", "Test.Ner.v1", new Dictionary<string, byte[]> { ["weights.bin"] = [1, 2, 3], ["options.json"] = Encoding.UTF8.GetBytes("{\"window\": 2}") })
            .AddComponent("sections", "Test.Sections.v1", new Dictionary<string, byte[]> { ["sections.json"] = Encoding.UTF8.GetBytes("[]") })
            .AddComponent("assertions", "Test.Context.v1", new Dictionary<string, byte[]> { ["context.json"] = Encoding.UTF8.GetBytes("[]") });

    private string Build(string name = "m.zip")
    {
        var path = Path.Combine(_dir, name);
        Builder().Save(path);
        return path;
    }

    private static string Sha(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>
    /// Copies a package, letting <paramref name="editManifest"/> change manifest.json and <paramref name="editEntry"/>
    /// change or drop (null) any other entry; the manifest's sha256 of an edited entry is left as it was unless the
    /// manifest edit changes it too (a careful tamperer does).
    /// </summary>
    private string Tamper(string source, Action<JsonObject> editManifest, Func<string, byte[], byte[]?>? editEntry = null)
    {
        var target = Path.Combine(_dir, $"tampered-{Guid.NewGuid():N}.zip");
        using var src = ZipFile.OpenRead(source);
        using var dst = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var e in src.Entries)
        {
            using var ms = new MemoryStream();
            using (var s = e.Open()) s.CopyTo(ms);
            byte[]? data = ms.ToArray();
            if (e.FullName == PackageManifest.FileName)
            {
                var manifest = JsonNode.Parse(data)!.AsObject();
                editManifest(manifest);
                data = Encoding.UTF8.GetBytes(manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else if (editEntry is not null) data = editEntry(e.FullName, data);
            if (data is null) continue;
            using var w = dst.CreateEntry(e.FullName).Open();
            w.Write(data);
        }
        return target;
    }

    private static JsonArray ComponentsOf(JsonObject manifest) => manifest["components"]!.AsArray();

    private static void RemoveComponent(JsonObject manifest, string name)
    {
        var list = ComponentsOf(manifest);
        list.Remove(list.First(c => (string)c!["name"]! == name));
    }

    private static void ShouldBeRefusedAsAltered(string path, string contains)
    {
        var act = () => ModelPackage.Open(path, Kinds);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.PackageHashMismatch && e.Message.Contains(contains) && e.Message.Contains("altered"), $"expected ATM303 mentioning '{contains}'");
    }

    /// <summary>The version of format 1: a hash of the entries' names and sha256 only (written out here, not taken from the code under test).</summary>
    private static string FormatOneVersion(JsonObject manifest) =>
        Sha(Encoding.UTF8.GetBytes(string.Join("\n", manifest["entries"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {(string)p.Value!}"))))[..12];

    private static void MakeFormatOne(JsonObject manifest)
    {
        manifest["format_version"] = 1;
        manifest["version"] = FormatOneVersion(manifest);
    }

    [Fact]
    public void New_packages_are_format_2_and_open()
    {
        var package = ModelPackage.Open(Build(), Kinds);
        package.Manifest.FormatVersion.Should().Be(2);
        package.Manifest.MinReaderVersion.Should().Be(1, "a format 1 reader can still load it: only the version's meaning changed");
        package.Components.Select(c => c.Name).Should().Equal("ner", "sections", "assertions");
    }

    [Fact]
    public void A_component_taken_out_of_the_manifest_list_is_refused() =>
        ShouldBeRefusedAsAltered(Tamper(Build(), m => RemoveComponent(m, "assertions")), "components/assertions/context.json");

    [Fact]
    public void A_component_taken_out_with_its_files_and_entries_is_refused()
    {
        var tampered = Tamper(Build(), m =>
        {
            RemoveComponent(m, "assertions");
            m["entries"]!.AsObject().Remove("components/assertions/context.json");
        }, (name, data) => name.StartsWith("components/assertions/", StringComparison.Ordinal) ? null : data);

        ShouldBeRefusedAsAltered(tampered, "content gives");
    }

    [Fact]
    public void An_options_file_changed_with_its_sha256_updated_is_refused()
    {
        var edited = Encoding.UTF8.GetBytes("{\"window\": 9}");
        var tampered = Tamper(Build(), m => m["entries"]!["components/ner/options.json"] = Sha(edited),
            (name, data) => name == "components/ner/options.json" ? edited : data);

        ShouldBeRefusedAsAltered(tampered, "content gives");
    }

    [Theory]
    [InlineData("kind")]
    [InlineData("order")]
    [InlineData("files")]
    [InlineData("name")]
    [InlineData("producer")]
    [InlineData("training_data")]
    public void Any_other_manifest_field_changed_is_refused(string field)
    {
        var tampered = Tamper(Build(), m =>
        {
            var components = ComponentsOf(m);
            switch (field)
            {
                case "kind": components[1]!["kind"] = "Test.Context.v1"; break;
                case "order":
                    var first = components[1]!;
                    components.RemoveAt(1);
                    components.Add(first);
                    break;
                case "files": components[0]!["files"]!.AsArray().RemoveAt(0); break;
                case "name": m["name"] = "other-model"; break;
                case "producer": m["producer"]!["Asclepius.TextMining"] = "9.9.9"; break;
                case "training_data": m["training_data_sha256"] = new string('a', 64); break;
            }
        });

        // A file dropped from a component's list is left without an owner, caught before the version.
        ShouldBeRefusedAsAltered(tampered, field == "files" ? "belongs to no component" : "content gives");
    }

    [Fact]
    public void An_unknown_manifest_key_is_refused()
    {
        var top = Tamper(Build(), m => m["disabled_components"] = new JsonArray("assertions"));
        var inComponent = Tamper(Build(), m => ComponentsOf(m)[2]!["enabled"] = false);

        foreach (var path in new[] { top, inComponent })
        {
            var act = () => ModelPackage.Open(path, Kinds);
            act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("does not define"));
        }
    }

    [Fact]
    public void A_component_listed_twice_is_refused()
    {
        var tampered = Tamper(Build(), m => ComponentsOf(m).Add(ComponentsOf(m)[1]!.DeepClone()));

        var act = () => ModelPackage.Open(tampered, Kinds);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("listed twice"));
    }

    [Fact]
    public void A_package_built_without_a_component_has_another_version()
    {
        var whole = ModelPackage.Open(Build(), Kinds);
        var path = Path.Combine(_dir, "less.zip");
        Builder().RemoveComponent("assertions").Save(path);

        ModelPackage.Open(path, Kinds).Identity.Should().NotBe(whole.Identity);
    }

    [Fact]
    public void The_same_entries_in_another_component_order_have_another_version()
    {
        var a = Path.Combine(_dir, "a.zip");
        var b = Path.Combine(_dir, "b.zip");
        Builder().Save(a);
        var builder = Builder();
        var sections = builder.ComponentFiles("sections");
        builder.RemoveComponent("sections").AddComponent("sections", "Test.Sections.v1", sections).Save(b);

        ModelPackage.Open(b, Kinds).Version.Should().NotBe(ModelPackage.Open(a, Kinds).Version, "annotators run in package order");
    }

    [Fact]
    public void A_format_1_package_still_opens_with_the_version_it_has()
    {
        string? expected = null;
        var old = Tamper(Build(), m => { MakeFormatOne(m); expected = (string)m["version"]!; });

        var package = ModelPackage.Open(old, Kinds);

        package.Manifest.FormatVersion.Should().Be(1);
        package.Version.Should().Be(expected);
        package.Components.Should().HaveCount(3);
    }

    [Fact]
    public void A_format_1_package_with_a_component_taken_out_of_its_list_is_refused() =>
        ShouldBeRefusedAsAltered(Tamper(Build(), m => { RemoveComponent(m, "sections"); MakeFormatOne(m); }), "components/sections/sections.json");

    [Fact]
    public void A_format_1_package_with_an_options_file_and_its_sha256_changed_is_refused()
    {
        var edited = Encoding.UTF8.GetBytes("{\"window\": 9}");
        string? version = null;
        var original = Tamper(Build(), m => { MakeFormatOne(m); version = (string)m["version"]!; });
        var tampered = Tamper(original, m => m["entries"]!["components/ner/options.json"] = Sha(edited),
            (name, data) => name == "components/ner/options.json" ? edited : data);

        ShouldBeRefusedAsAltered(tampered, version!);
    }
}
