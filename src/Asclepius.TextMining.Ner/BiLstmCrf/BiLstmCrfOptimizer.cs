namespace Asclepius.TextMining.Ner.BiLstmCrf;

public enum BiLstmCrfOptimizer
{
    /// <summary>Adam: converges in few epochs; the default.</summary>
    Adam,
    /// <summary>SGD with momentum 0.9 and learning-rate decay (Ma and Hovy 2016).</summary>
    Sgd,
}
