using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Tests.Fixtures;

namespace Asclepius.TextMining.Generation.Tests.Data;

public sealed class DataFolderTests
{
    [Fact]
    public void Finds_data_by_walking_up_and_resolves_shipped_schema_names()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var deep = Directory.CreateDirectory(dir.Combine("bin", "Debug", "net10.0")).FullName;
        DataFolder.TryResolve(deep).Should().Be(data);
        DataFolder.ResolveSchemaPath("chemical-disease", data).Should().EndWith(Path.Combine("schemas", "chemical-disease.json"));
        DataFolder.LoadSchema("chemical-disease", data).Name.Should().Be("chemical-disease");
    }

    [Fact]
    public void An_unknown_schema_lists_the_shipped_ones()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var act = () => DataFolder.ResolveSchemaPath("gene-disease", data);
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("chemical-disease"));
    }
}
