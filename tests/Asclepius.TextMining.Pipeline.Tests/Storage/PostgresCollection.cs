using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Pipeline.Tests.Storage;

/// <summary>One PostgreSQL server for every test of the collection, stopped at the end.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
