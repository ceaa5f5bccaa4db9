using Asclepius.TextMining.Cli;

return CliApp.Run(args);
