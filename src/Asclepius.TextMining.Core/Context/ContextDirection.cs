namespace Asclepius.TextMining.Core.Context;

/// <summary>Which way a trigger's scope runs from the trigger: towards the sentence end, its start, or both.</summary>
public enum ContextDirection
{
    /// <summary>Pseudo and terminate rules have no scope.</summary>
    None,
    Forward,
    Backward,
    Bidirectional,
}
