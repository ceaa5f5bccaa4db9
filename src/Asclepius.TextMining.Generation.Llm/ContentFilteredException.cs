namespace Asclepius.TextMining.Generation.Llm;

/// <summary>The service's content filter refused the prompt (an HTTP 400 saying so): the batch is dropped, not retried.</summary>
public sealed class ContentFilteredException(string message) : Exception(message);
