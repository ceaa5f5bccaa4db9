using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Components;

/// <summary>Finds relations between given entities of one document. Thread-safe.</summary>
public interface IRelationExtractor
{
    string Kind { get; }

    IReadOnlyList<string> Produces { get; }

    IReadOnlyList<Relation> Extract(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities);
}
