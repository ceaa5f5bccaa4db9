using System.Reflection.Emit;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>
/// The CUDA path's failure class, caught without a GPU. A device move (<c>.to(cuda)</c>) replaces every
/// parameter tensor, exactly as a dtype round trip (<c>.to(float64)</c> then back) does on the CPU; a tensor kept
/// aside from the registered ones goes stale (a disposed handle) or stays behind. The meta device (shapes
/// without data, in every libtorch build) is a second device on a CPU-only machine: a constant left on the CPU
/// meets a meta tensor and the operation fails, as it would with cuda:0. Each of the three failures first
/// seen on an H200 (stale CRF parameter fields, a generator created on the CUDA device, masks left on the CPU)
/// fails one of these tests when reintroduced.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfDeviceMoveTests
{
    private static readonly BiLstmCrfOptions Small = new()
    {
        Epochs = 2, Patience = 2, BatchSize = 8, WordDim = 16, CharDim = 8, CharFilters = 8, CasingDim = 4,
        HiddenSize = 16, Dropout = 0.3, LearningRate = 0.01, Threads = 1, Seed = 5,
    };

    [Fact]
    public void Dtype_round_trip_replaces_every_parameter_and_crf_weights_prediction_saving_and_training_still_work()
    {
        using var model = BiLstmCrfTrainer.Train(NerCorpus.Train(20), [], Small);
        var network = model.Network;
        var probe = Probe();
        var predicted = Describe(model.RecognizeMany(probe));
        var crf = network.CrfWeights();
        var weights = model.ToFiles()[BiLstmCrfModel.WeightsFile];
        var original = network.parameters().ToArray();

        network.to(ScalarType.Float64);
        var moved = network.parameters().ToArray();
        moved.Should().HaveSameCount(original);
        moved.Where((p, i) => ReferenceEquals(p, original[i])).Should().BeEmpty("a dtype move replaces every parameter, as a device move does");
        AssertAllOn(network, DeviceType.CPU, ScalarType.Float64);
        AssertSameCrf(network.CrfWeights(), crf);
        using (var scope = torch.NewDisposeScope())
        {
            var batch = Batch(model, DeviceType.CPU);
            using var dropout = new DropoutSource(1);
            var loss = network.LossSum(network.Emissions(batch, dropout), batch);
            loss.dtype.Should().Be(ScalarType.Float64);
            double.IsFinite(loss.item<double>()).Should().BeTrue();
        }

        network.to(ScalarType.Float32);
        AssertAllOn(network, DeviceType.CPU, ScalarType.Float32);
        AssertSameCrf(network.CrfWeights(), crf);
        model.RefreshCrf();
        Describe(model.RecognizeMany(probe)).Should().Equal(predicted);
        var saved = model.ToFiles();
        saved[BiLstmCrfModel.WeightsFile].Should().Equal(weights, "the round trip is exact and adds nothing to the saved state");
        using (var loaded = BiLstmCrfModel.FromFiles(saved))
            Describe(loaded.RecognizeMany(probe)).Should().Equal(predicted);

        // Training goes on with the replaced parameters: gradients reach every one and a step changes them.
        var parameters = network.parameters().ToArray();
        using var optimizer = optim.Adam(parameters, 0.01);
        var before = parameters.Select(p => p.detach().clone()).ToArray();
        network.train();
        using (var scope = torch.NewDisposeScope())
        {
            var batch = Batch(model, DeviceType.CPU);
            using var dropout = new DropoutSource(2);
            optimizer.zero_grad();
            network.LossSum(network.Emissions(batch, dropout), batch).backward();
            parameters.Where(p => p.grad is null).Should().BeEmpty();
            optimizer.step();
        }
        network.eval();
        parameters.Where((p, i) => !p.eq(before[i]).all().item<bool>()).Should().NotBeEmpty();
        model.RefreshCrf();
    }

    [Fact]
    public void On_another_device_the_constrained_crf_scores_are_computed_there()
    {
        // libtorch's C++ meta kernels cover additions but not index_select or logsumexp (those are registered
        // from Python), so the network's whole forward pass cannot run on meta here: its CRF scores plus their
        // BILOU masks can, and a mask left on the CPU fails as it did beside cuda:0.
        using var model = BiLstmCrfTrainer.Train(NerCorpus.Train(20), [], Small with { Epochs = 1 });
        var network = model.Network;
        network.to(torch.META);
        AssertAllOn(network, DeviceType.META, ScalarType.Float32);

        using var scope = torch.NewDisposeScope();
        var emissions = torch.zeros(new long[] { 2, 5, network.TagCount }, device: torch.META);
        var (transitions, start, end) = network.ConstrainedScores(emissions);
        new[] { transitions, start, end }.Where(t => t.device_type != DeviceType.META || t.dtype != ScalarType.Float32).Should().BeEmpty();
        transitions.shape.Should().Equal(network.TagCount, network.TagCount);
    }

    [Fact]
    public void Dropout_masks_for_another_device_are_drawn_on_the_cpu_and_equal_the_cpu_masks()
    {
        using var onMeta = new DropoutSource(7);
        using var onCpu = new DropoutSource(7);
        using var x = torch.ones(6, 5, device: torch.META);
        using var y = onMeta.Apply(x, 0.5);
        y.device_type.Should().Be(DeviceType.META);
        onMeta.GeneratorDevice.type.Should().Be(DeviceType.CPU);

        // Same seed, same masks whatever the device (meta has no values: compare the next CPU draws).
        using var a = onMeta.Apply(torch.ones(50), 0.5);
        using var b = onCpu.Apply(torch.ones(6, 5), 0.5);
        using var c = onCpu.Apply(torch.ones(50), 0.5);
        a.eq(c).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void No_code_in_the_ner_assembly_creates_a_generator_on_a_device()
    {
        // new Generator(seed, cudaDevice) then sampling crashed the process on an H200 (TorchSharp 0.107):
        // every Generator this assembly constructs must get the device argument's default (null: the CPU).
        var constructions = IlScan.Constructions(typeof(BiLstmCrfModel).Assembly, typeof(Generator));
        constructions.Should().NotBeEmpty("the scan must see the generators the trainer does create");
        constructions.Where(c => c.LastArgument != OpCodes.Ldnull)
            .Select(c => $"{c.Method} ({c.LastArgument.Name})").Should().BeEmpty("a Generator is never created on a device; draw on the CPU and move (DropoutSource)");
    }

    private static (Document Document, TokenizedText Tokens)[] Probe() =>
        NerCorpus.Held(6).Select(d => (d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))).ToArray();

    private static string[] Describe(IReadOnlyList<IReadOnlyList<Entity>> entities) =>
        entities.Select(es => string.Join("; ", es.Select(e => $"{e.Span} {e.Label}"))).ToArray();

    private static SentenceBatch Batch(BiLstmCrfModel model, DeviceType device)
    {
        var sentences = new List<EncodedSentence>();
        foreach (var doc in NerCorpus.Train(4))
        {
            var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
            var tags = Core.Tagging.TagCodec.Encode(tokens.Tokens, doc.Entities, Core.Tagging.TagScheme.Bilou).Tags;
            sentences.Add(model.Encode(tokens, 0, tokens.Tokens.Count, tags));
        }
        return SentenceBatch.Build(sentences, new Device(device, -1), withTags: true);
    }

    private static void AssertAllOn(nn.Module network, DeviceType device, ScalarType dtype)
    {
        foreach (var (name, p) in network.named_parameters())
        {
            p.device_type.Should().Be(device, name);
            p.dtype.Should().Be(dtype, name);
        }
        foreach (var (name, b) in network.named_buffers())
        {
            b.device_type.Should().Be(device, name);
            if (b.is_floating_point()) b.dtype.Should().Be(dtype, name);
        }
    }

    private static void AssertSameCrf(CrfWeights actual, CrfWeights expected)
    {
        actual.Transitions.Should().Equal(expected.Transitions);
        actual.Start.Should().Equal(expected.Start);
        actual.End.Should().Equal(expected.End);
    }
}
