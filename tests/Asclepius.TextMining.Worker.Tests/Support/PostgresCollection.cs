using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Worker.Tests.Support;

/// <summary>One PostgreSQL server for the worker tests, stopped at the end. Tests of the collection run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
