using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Hostile;

/// <summary>
/// A package whose hashes are right but whose component files are malformed (rebuilt with the builder, so
/// the manifest is consistent): loading it either works (a value the format allows, such as null for "no
/// concepts") or fails with a coded error naming the package entry (ATM3xx, or ATM203 for rule files),
/// never another exception.
/// </summary>
public sealed class MalformedComponentTests : IDisposable
{
    private static readonly string ModelPath = Path.Combine(SharedData.RepoRoot, "models", "chemical-disease.zip");
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-badpkg-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] files = ["ner/model.json", "ner/lexicons.json", "relations/model.json", "relations/concepts.json", "assertions/context.json", "sections/sections.json", "relations/weights.bin"];
        string[] contents = ["", "{", "[]", "null", "{\"options\":{\"SentenceWindow\":\"far\"}}", "{\"labels\":5,\"hash_bits\":-3}", "\u0000\u0001binary", "{\"a\":" + new string('[', 500) + "}"];
        foreach (var f in files)
            foreach (var c in contents)
                data.Add(f, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_component_files_give_a_coded_package_error(string file, string content)
    {
        var original = ModelPackage.Open(ModelPath);
        var builder = new ModelPackageBuilder(original.Name, original.Schema);
        var (component, entry) = (file.Split('/')[0], file.Split('/')[1]);
        foreach (var c in original.Components)
        {
            var files = new Dictionary<string, byte[]>(original.ReadComponentFiles(c));
            if (c.Name == component) files[entry] = Encoding.UTF8.GetBytes(content);
            builder.AddComponent(c.Name, c.Kind, files);
        }
        var path = Path.Combine(_dir, "bad.zip");
        builder.Save(path);

        try
        {
            ExtractionPipeline.Load(path);
        }
        catch (TextMiningException e)
        {
            e.Code.Should().MatchRegex("^ATM(3..|203)$", e.Message);
            e.Message.Should().Contain("bad.zip");
        }
    }
}
