using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// What every network that ends in a BILOU-constrained linear-chain CRF shares (BiLSTM-CRF, transformer): the CRF
/// scores as parameters registered under "transitions", "start_transitions" and "end_transitions", the scheme's masks
/// (<see cref="BilouCrfMasks"/>), the training loss and the scores decoding reads. It keeps no tensor in a field: the
/// CRF parameters are looked up by their registered names when used (a device or dtype move replaces them), and the
/// masks are made on the device and in the dtype of the emissions they meet.
/// </summary>
internal abstract class CrfTaggerNetwork : nn.Module
{
    private const string TransitionsName = "transitions";
    private const string StartName = "start_transitions";
    private const string EndName = "end_transitions";

    private readonly BilouCrfMasks _masks;

    protected CrfTaggerNetwork(string name, IReadOnlyList<string> tags) : base(name) => _masks = new BilouCrfMasks(tags);

    public int TagCount => _masks.TagCount;
    /// <summary>Lexicons whose match positions are a token feature (0: none).</summary>
    public int LexiconCount { get; protected init; }

    /// <summary>Summed negative log-likelihood of the gold tags of a batch.</summary>
    public Tensor CrfLossSum(Tensor emissions, Tensor tags, Tensor mask, Tensor lastIndex) =>
        LinearChainCrf.NegativeLogLikelihoodSum(emissions, tags, mask, lastIndex, ConstrainedScores(emissions));

    /// <summary>CRF scores with forbidden moves at −∞, on the CPU, for <see cref="ConstrainedViterbi"/>.</summary>
    public CrfWeights CrfWeights() => _masks.Weights(Registered(TransitionsName), Registered(StartName), Registered(EndName));

    /// <summary>
    /// The CRF parameters plus the scheme's masks, the masks made on the device and in the dtype of
    /// <paramref name="emissions"/> (they are constants: nothing to move, nothing to go stale).
    /// </summary>
    internal (Tensor Transitions, Tensor Start, Tensor End) ConstrainedScores(Tensor emissions) =>
        _masks.Constrain(Registered(TransitionsName), Registered(StartName), Registered(EndName), emissions);

    /// <summary>
    /// Registers the CRF scores (zeros). The subclass calls it where its parameter order wants them: that order is the
    /// order of initialization draws and of the optimizer's groups, so moving it would change trained models.
    /// </summary>
    protected void RegisterCrf()
    {
        var k = TagCount;
        register_parameter(TransitionsName, nn.Parameter(torch.zeros(k, k)));
        register_parameter(StartName, nn.Parameter(torch.zeros(k)));
        register_parameter(EndName, nn.Parameter(torch.zeros(k)));
    }

    protected Parameter[] CrfParameters() => [Registered(TransitionsName), Registered(StartName), Registered(EndName)];

    protected static bool IsCrfParameter(string name) => name is TransitionsName or StartName or EndName;

    /// <summary>A parameter by its registered name: the tensor in use now, whatever moves replaced it.</summary>
    private Parameter Registered(string name) =>
        get_parameter(name) ?? throw new InvalidOperationException($"parameter '{name}' is not registered");
}
