using System.CommandLine;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>`asclepius train ner|re`: train a local model and write a model package.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train a local model on an annotated corpus and write a model package.");
        command.Subcommands.Add(TrainRelationsCommand.Create());
        return command;
    }
}
