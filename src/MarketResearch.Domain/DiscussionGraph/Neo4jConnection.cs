using System.Data.Common;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>The "graph" connection string the AppHost gives: Endpoint=http://host:7474;Username=neo4j;Password=…[;Database=neo4j].</summary>
public sealed record Neo4jConnection(Uri Endpoint, string UserName, string Password, string Database)
{
    public static Neo4jConnection Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Part(string key, string? fallback = null) =>
            parts.TryGetValue(key, out var value) && value is string text && text.Length > 0 ? text
            : fallback ?? throw new InvalidOperationException($"The graph connection string has no {key}.");

        return new Neo4jConnection(new Uri(Part("Endpoint")), Part("Username", "neo4j"), Part("Password"), Part("Database", "neo4j"));
    }
}
