using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Ner.Transformer;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

public sealed class EncoderSourcesTests
{
    [Fact]
    public void Minilm_is_the_packaged_encoder_and_a_folder_that_is_no_checkpoint_is_ATM401_naming_what_is_missing()
    {
        EncoderSources.Resolve("minilm").Should().BeSameAs(EncoderSource.MiniLm);
        var dir = Directory.CreateTempSubdirectory("atm-enc-").FullName;
        try
        {
            var act = () => EncoderSources.Resolve(dir);
            act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("config.json"));
            var unknown = () => EncoderSources.Resolve("bert-base-uncased");
            unknown.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("minilm"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
