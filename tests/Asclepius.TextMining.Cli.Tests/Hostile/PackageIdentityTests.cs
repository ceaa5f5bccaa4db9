using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Hostile;

/// <summary>
/// `label` never resumes an output made with the whole model using a package with a component less (issue #14,
/// "the component list in manifest.json is covered by no hash"): a package edited by hand is refused before any
/// note is read, and one really built without the component has another identity, so resuming is refused.
/// </summary>
[Collection("console")]
public sealed class PackageIdentityTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _model;
    private readonly string _notes;

    public PackageIdentityTests()
    {
        var plain = ModelPackage.Open(TestPackages.Dictionary(_dir.File("plain.zip")));
        _model = _dir.File("m.zip");
        ClinicalContext.AddTo(ModelPackageBuilder.From(plain, "with-context")).Save(_model);
        _notes = _dir.File("notes.jsonl");
        File.WriteAllLines(_notes, SyntheticNotes.Generate(4).Select(n => $"{{\"id\":\"{n.Id}\",\"text\":\"{n.Text}\"}}"));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A copy of the model whose manifest.json no longer lists the assertions component (its files stay, their hashes right).</summary>
    private string WithoutAssertionsInTheList(bool dropFilesToo)
    {
        var target = _dir.File(dropFilesToo ? "edited-dropped.zip" : "edited.zip");
        using var src = ZipFile.OpenRead(_model);
        using var dst = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var e in src.Entries)
        {
            using var ms = new MemoryStream();
            using (var s = e.Open()) s.CopyTo(ms);
            var data = ms.ToArray();
            var assertionsFile = e.FullName.StartsWith($"components/{ClinicalContext.AssertionsComponent}/", StringComparison.Ordinal);
            if (dropFilesToo && assertionsFile) continue;
            if (e.FullName == PackageManifest.FileName)
            {
                var manifest = JsonNode.Parse(data)!.AsObject();
                var components = manifest["components"]!.AsArray();
                components.Remove(components.First(c => (string)c!["name"]! == ClinicalContext.AssertionsComponent));
                if (dropFilesToo)
                    foreach (var key in manifest["entries"]!.AsObject().Select(p => p.Key).Where(k => k.StartsWith($"components/{ClinicalContext.AssertionsComponent}/", StringComparison.Ordinal)).ToArray())
                        manifest["entries"]!.AsObject().Remove(key);
                data = Encoding.UTF8.GetBytes(manifest.ToJsonString());
            }
            using var w = dst.CreateEntry(e.FullName).Open();
            w.Write(data);
        }
        return target;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_package_with_a_component_taken_out_of_its_manifest_is_refused_and_the_output_untouched(bool dropFilesToo)
    {
        var output = _dir.File("labeled.jsonl");
        CliRunner.Run("label", "-m", _model, "-i", _notes, "-o", output).ExitCode.Should().Be(CliApp.Ok);
        var before = File.ReadAllBytes(output);

        var run = CliRunner.Run("label", "-m", WithoutAssertionsInTheList(dropFilesToo), "-i", _notes, "-o", output);

        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.PackageHashMismatch).And.Contain("altered");
        File.ReadAllBytes(output).Should().Equal(before);
    }

    [Fact]
    public void A_package_built_without_a_component_does_not_resume_an_output_of_the_whole_model()
    {
        var output = _dir.File("labeled.jsonl");
        var notes = File.ReadAllLines(_notes);
        File.WriteAllLines(_dir.File("half.jsonl"), notes.Take(2));
        CliRunner.Run("label", "-m", _model, "-i", _dir.File("half.jsonl"), "-o", output).ExitCode.Should().Be(CliApp.Ok);
        var less = _dir.File("less.zip");
        ModelPackageBuilder.From(ModelPackage.Open(_model)).RemoveComponent(ClinicalContext.AssertionsComponent).Save(less);

        var run = CliRunner.Run("label", "-m", less, "-i", _notes, "-o", output);

        run.ExitCode.Should().Be(CliApp.Failed, run.ToString());
        run.Error.Should().Contain(ErrorCodes.OutputMismatch).And.Contain("was labeled by model");
    }

    [Fact]
    public void Every_committed_model_opens_format_1_ones_included()
    {
        var models = Directory.GetFiles(Path.Combine(SharedData.RepoRoot, "models"), "*.zip");
        models.Should().NotBeEmpty();
        foreach (var path in models)
        {
            var package = ModelPackage.Open(path);
            package.Version.Should().Be(package.Manifest.ContentVersion(), path);
        }
    }
}
