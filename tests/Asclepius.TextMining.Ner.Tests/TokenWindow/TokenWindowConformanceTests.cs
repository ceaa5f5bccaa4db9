using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.Tests.Conformance;
using Asclepius.TextMining.Ner.TokenWindow;

namespace Asclepius.TextMining.Ner.Tests.TokenWindow;

/// <summary>The token-window backend through the shared NER trainer workout, with a small hash space so it runs in seconds.</summary>
public sealed class TokenWindowConformanceTests : NerTrainerConformance
{
    protected override string Kind => TokenWindowModel.Kind;

    protected override IEntityRecognizer Train(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument>? dev, int seed, string packagePath)
    {
        var options = TokenWindowOptions.Default with { HashBits = 16, Seed = seed, Iterations = 60 };
        var result = TokenWindowTrainer.Train(train, dev, options);
        NerPackageWriter.Save(TokenWindowPackaging.Request(result, result.Best, "conformance"), packagePath);
        return result.Best.CreateRecognizer();
    }
}
