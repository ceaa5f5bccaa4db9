using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius omop init` prints the DBA's script: the work schema and exactly the least-privilege GRANTs.</summary>
[Collection(CliCollection.Name)]
public sealed class OmopCommandTests
{
    [Fact]
    public void Init_prints_the_work_schema_and_grants_and_no_cdm_ddl_unless_asked()
    {
        var r = CliRunner.Run("omop", "init", "--cdm-schema", "cdm", "--work-schema", "nlp", "--role", "worker");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Out.Should().Contain("CREATE TABLE IF NOT EXISTS nlp.note_work").And.Contain("CREATE SEQUENCE IF NOT EXISTS nlp.note_nlp_id_seq")
            .And.Contain("GRANT USAGE ON SCHEMA cdm TO worker;").And.Contain("GRANT SELECT ON cdm.note TO worker;")
            .And.Contain("GRANT SELECT, INSERT, DELETE ON cdm.note_nlp TO worker;");
        r.Out.Should().NotContain("CREATE TABLE IF NOT EXISTS cdm.note", "the CDM tables are only created when asked")
            .And.NotContain("ALTER TABLE").And.NotContain("OWNER").And.NotContain("GRANT CREATE").And.NotContain("GRANT ALL");

        var withCdm = CliRunner.Run("omop", "init", "--cdm-schema", "cdm", "--role", "worker", "--create-cdm-tables");
        withCdm.Out.Should().Contain("CREATE TABLE IF NOT EXISTS cdm.note (").And.Contain("note_id integer NOT NULL");
    }

    [Theory]
    [InlineData("--role", "worker; DROP TABLE note")]
    [InlineData("--work-schema", "a.b")]
    public void Init_refuses_names_that_are_not_plain_identifiers(string option, string value)
    {
        var args = new List<string> { "omop", "init", "--role", "worker" };
        if (option == "--role") args[3] = value;
        else args.AddRange([option, value]);
        var r = CliRunner.Run(args.ToArray());
        r.ExitCode.Should().Be(1, r.ToString());
        r.Error.Should().Contain("ATM702").And.Contain("plain");
        r.Out.Should().BeEmpty();
    }
}
