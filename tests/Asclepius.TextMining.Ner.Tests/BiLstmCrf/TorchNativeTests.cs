using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>The native libtorch loads here (build/TorchSharpElfFix.targets) and a forward pass runs.</summary>
public sealed class TorchNativeTests
{
    [Fact]
    public void Tensor_and_linear_forward_run_on_cpu()
    {
        torch.manual_seed(1);
        using var linear = nn.Linear(3, 2);
        using var x = torch.ones(4, 3);
        using var y = linear.forward(x);
        y.shape.Should().Equal(4, 2);
        y.sum().item<float>().Should().NotBe(float.NaN);
    }
}
