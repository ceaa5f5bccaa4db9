using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public class HelpTests
{
    [Theory]
    [InlineData("stats", "--format", "--json")]
    [InlineData("convert", "--from", "--to")]
    [InlineData("evaluate", "--gold", "--pred")]
    public void Every_command_has_help(string command, string option1, string option2)
    {
        var run = CliRunner.Run(command, "--help");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("Usage:").And.Contain(option1).And.Contain(option2);
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var run = CliRunner.Run("--help");
        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("stats").And.Contain("convert").And.Contain("evaluate");
    }
}
