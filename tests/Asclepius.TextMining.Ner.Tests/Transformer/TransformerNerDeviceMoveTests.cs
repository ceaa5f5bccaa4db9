using System.Reflection.Emit;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>
/// The CUDA path's failure class for the transformer tagger, caught without a GPU (see <see cref="BiLstmCrfDeviceMoveTests"/>):
/// a dtype round trip replaces every parameter as a device move does; the meta device is a second device on any machine.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerNerDeviceMoveTests
{
    [Fact]
    public void Dtype_round_trip_replaces_every_parameter_and_prediction_saving_and_training_still_work()
    {
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(20), [], TinyEncoder.Options with { Epochs = 3, WeightStorage = WeightStorage.Float32 }, TinyEncoder.Source());
        var network = model.Network;
        var probe = Probe();
        var predicted = Describe(model.RecognizeMany(probe));
        var weights = model.ToFiles()[TransformerNerModel.WeightsFile];
        var original = network.parameters().ToArray();

        network.to(ScalarType.Float64);
        network.parameters().Where((p, i) => ReferenceEquals(p, original[i])).Should().BeEmpty("a dtype move replaces every parameter, as a device move does");
        AssertAllOn(network, DeviceType.CPU, ScalarType.Float64);
        using (var scope = torch.NewDisposeScope())
        {
            var batch = Batch(model);
            using var dropout = new DropoutSource(1);
            var loss = network.LossSum(network.Emissions(batch, dropout), batch);
            loss.dtype.Should().Be(ScalarType.Float64);
            double.IsFinite(loss.item<double>()).Should().BeTrue();
        }

        network.to(ScalarType.Float32);
        model.RefreshCrf();
        Describe(model.RecognizeMany(probe)).Should().Equal(predicted);
        model.ToFiles()[TransformerNerModel.WeightsFile].Should().Equal(weights, "the round trip is exact and adds nothing to the saved state");

        // Training goes on with the replaced parameters: the optimizer's groups hold the live tensors.
        var (encoder, head) = network.ParameterGroups();
        var parameters = encoder.Concat(head).ToArray();
        parameters.Should().HaveSameCount(network.parameters());
        using var optimizer = optim.AdamW(parameters, 0.01);
        var before = parameters.Select(p => p.detach().clone()).ToArray();
        network.train();
        using (var scope = torch.NewDisposeScope())
        {
            var batch = Batch(model);
            using var dropout = new DropoutSource(2);
            optimizer.zero_grad();
            network.LossSum(network.Emissions(batch, dropout), batch).backward();
            parameters.Where(p => p.grad is null).Should().BeEmpty();
            optimizer.step();
        }
        network.eval();
        parameters.Where((p, i) => !p.eq(before[i]).all().item<bool>()).Should().NotBeEmpty();
    }

    [Fact]
    public void On_another_device_every_parameter_moves_and_the_crf_masks_are_made_there()
    {
        using var model = TransformerNerTrainer.Train(NerCorpus.Train(10), [], TinyEncoder.Options with { Epochs = 1 }, TinyEncoder.Source());
        var network = model.Network;
        network.to(torch.META);
        AssertAllOn(network, DeviceType.META, ScalarType.Float32);
        using var scope = torch.NewDisposeScope();
        var emissions = torch.zeros(new long[] { 2, 5, model.Tags.Count }, device: torch.META);
        var (transitions, start, end) = network.ConstrainedScores(emissions);
        new[] { transitions, start, end }.Where(t => t.device_type != DeviceType.META).Should().BeEmpty();
    }

    [Fact]
    public void No_code_in_the_encoder_assembly_creates_a_generator_on_a_device()
    {
        // The Ner assembly is scanned by BiLstmCrfDeviceMoveTests; the encoder's random initialization takes its generator from the caller.
        IlScan.Constructions(typeof(BertEncoder).Assembly, typeof(Generator))
            .Where(c => c.LastArgument != OpCodes.Ldnull).Select(c => c.Method).Should().BeEmpty();
    }

    private static (Document Document, TokenizedText Tokens)[] Probe() =>
        NerCorpus.Held(6).Select(d => (d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))).ToArray();

    private static string[] Describe(IReadOnlyList<IReadOnlyList<Entity>> entities) =>
        entities.Select(es => string.Join("; ", es.Select(e => $"{e.Span} {e.Label}"))).ToArray();

    private static WindowBatch Batch(TransformerNerModel model)
    {
        var windows = new List<WindowBatch.Window>();
        foreach (var doc in NerCorpus.Train(4))
        {
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var tags = Core.Tagging.TagCodec.Encode(tokens.Tokens, doc.Entities, Core.Tagging.TagScheme.Bilou).Tags;
            var encoded = model.Encode(tokens, tags);
            for (var w = 0; w < encoded.Windows.Count; w++) windows.Add(model.Window(encoded, w));
        }
        return model.BuildBatch(windows);
    }

    private static void AssertAllOn(nn.Module network, DeviceType device, ScalarType dtype)
    {
        foreach (var (name, p) in network.named_parameters())
        {
            p.device_type.Should().Be(device, name);
            p.dtype.Should().Be(dtype, name);
        }
    }
}
