using System.Reflection.Emit;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Tests.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;
using Asclepius.TextMining.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Tests.Transformer;

/// <summary>
/// The CUDA path's failure class for the relation network, caught without a GPU (as the NER networks' device-move
/// tests do): a dtype round trip replaces every parameter as a device move does; the meta device is a second device on
/// any machine; no code of the Relations assembly creates a random generator on a device.
/// </summary>
[Collection(TorchRelationCollection.Name)]
public sealed class TransformerRelationDeviceMoveTests
{
    [Fact]
    public void Dtype_round_trip_replaces_every_parameter_and_scoring_saving_and_training_still_work()
    {
        using var model = TransformerRelationTests.Train(TinyRelationEncoder.Options with { Epochs = 2, WeightStorage = WeightStorage.Float32 });
        var network = model.Network;
        var probe = RelationFixtures.Corpus(8, offset: 1);
        var extractor = new TransformerRelationExtractor(model, RelationFixtures.Schema);
        var predicted = TransformerRelationTests.Predict(extractor, probe);
        var weights = model.ToFiles()[TransformerRelationModel.WeightsFile];
        var original = network.parameters().ToArray();

        network.to(ScalarType.Float64);
        network.parameters().Where((p, i) => ReferenceEquals(p, original[i])).Should().BeEmpty("a dtype move replaces every parameter, as a device move does");
        AssertAllOn(network, DeviceType.CPU, ScalarType.Float64);
        using (var scope = torch.NewDisposeScope())
        {
            var batch = Batch(model);
            using var dropout = new DropoutSource(1);
            var loss = network.Loss(network.Logits(batch, dropout), batch);
            loss.dtype.Should().Be(ScalarType.Float64);
            double.IsFinite(loss.item<double>()).Should().BeTrue();
        }

        network.to(ScalarType.Float32);
        TransformerRelationTests.Predict(extractor, probe).Should().Equal(predicted);
        model.ToFiles()[TransformerRelationModel.WeightsFile].Should().Equal(weights, "the round trip is exact and adds nothing to the saved state");

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
            network.Loss(network.Logits(batch, dropout), batch).backward();
            parameters.Where(p => p.grad is null).Should().BeEmpty();
            optimizer.step();
        }
        network.eval();
        parameters.Where((p, i) => !p.eq(before[i]).all().item<bool>()).Should().NotBeEmpty();
    }

    [Fact]
    public void On_another_device_every_parameter_moves_and_the_pair_scores_are_made_there()
    {
        using var model = TransformerRelationTests.Train(TinyRelationEncoder.Options with { Epochs = 1 });
        var network = model.Network;
        network.to(torch.META);
        AssertAllOn(network, DeviceType.META, ScalarType.Float32);
        using var scope = torch.NewDisposeScope();
        var pairs = Pairs(model);
        var batch = PairBatch.Build(pairs, model.Tokenizer.ClsId, model.Tokenizer.SepId, model.Tokenizer.PadId, torch.META);
        // libtorch has no meta kernel for the embedding lookup (index_select), so the head runs on an encoder output made there.
        var hidden = torch.zeros(new long[] { pairs.Count, batch.Input.Ids.shape[1], network.Config.HiddenSize }, device: torch.META);
        using var dropout = new DropoutSource(1);
        var logits = network.PairLogits(hidden, batch, dropout);
        logits.device_type.Should().Be(DeviceType.META);
        logits.shape.Should().Equal(pairs.Count, model.Labels.Count);
    }

    [Fact]
    public void No_code_in_the_relations_assembly_creates_a_generator_on_a_device()
    {
        IlScan.Constructions(typeof(TransformerRelationModel).Assembly, typeof(Generator))
            .Where(c => c.LastArgument != OpCodes.Ldnull).Select(c => c.Method).Should().BeEmpty();
    }

    private static List<PairInput> Pairs(TransformerRelationModel model)
    {
        var finder = new CandidateFinder(RelationFixtures.Schema, 0);
        var pairs = new List<PairInput>();
        foreach (var doc in RelationFixtures.Corpus(4))
        {
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var context = new PairEncoder.Context(tokens);
            foreach (var c in finder.Find(tokens, doc.Entities)) pairs.Add(model.Encoder.Encode(context, c, doc.Relations.Count > 0 ? 1 : 0)!);
        }
        return pairs;
    }

    private static PairBatch Batch(TransformerRelationModel model) => model.BuildBatch(Pairs(model));

    private static void AssertAllOn(nn.Module network, DeviceType device, ScalarType dtype)
    {
        foreach (var (name, p) in network.named_parameters())
        {
            p.device_type.Should().Be(device, name);
            p.dtype.Should().Be(dtype, name);
        }
    }
}
