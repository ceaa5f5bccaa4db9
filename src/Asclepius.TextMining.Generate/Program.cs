using Asclepius.TextMining.Generate;

return GenerateApp.Run(args);
