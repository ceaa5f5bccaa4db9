using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Asclepius.TextMining.Ner.Tests")]
[assembly: InternalsVisibleTo("twh")]
