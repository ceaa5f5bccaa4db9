using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Components;

/// <summary>
/// Adds facts to entities already found (assertion status, section) without moving or removing them.
/// Returns one entity per input entity, in the same order. Thread-safe.
/// </summary>
public interface IEntityAnnotator
{
    string Kind { get; }

    IReadOnlyList<Entity> Annotate(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities);
}
