using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketResearch.Domain.DiscussionGraph;

/// <summary>
/// Neo4j's HTTP Query API (v2): parameterised Cypher in explicit transactions. Statements never contain values,
/// only parameters, so text from a transcript cannot change a query.
/// </summary>
public sealed class Neo4jQueryClient(HttpClient http, Neo4jConnection connection)
{
    private const string AffinityHeader = "neo4j-cluster-affinity";

    /// <summary>The server this client talks to.</summary>
    public Uri Server => connection.Endpoint;

    private string QueryPath => $"db/{Uri.EscapeDataString(connection.Database)}/query/v2";

    /// <summary>Runs statements in one transaction: all of them commit or none do.</summary>
    public async Task ExecuteInTransactionAsync(IReadOnlyList<Neo4jStatement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        var begin = await SendAsync(HttpMethod.Post, $"{QueryPath}/tx", statements[0], affinity: null, cancellationToken);
        var transactionId = begin.Body["transaction"]?["id"]?.GetValue<string>() ?? throw new Neo4jException("Neo4j did not open a transaction.");
        var affinity = begin.Affinity;
        try
        {
            foreach (var statement in statements.Skip(1))
            {
                await SendAsync(HttpMethod.Post, $"{QueryPath}/tx/{transactionId}", statement, affinity, cancellationToken);
            }

            await SendAsync(HttpMethod.Post, $"{QueryPath}/tx/{transactionId}/commit", statement: null, affinity, cancellationToken);
        }
        catch
        {
            await RollbackAsync(transactionId, affinity);
            throw;
        }
    }

    /// <summary>Runs one read statement (auto-commit) and returns its rows.</summary>
    public async Task<IReadOnlyList<JsonArray>> QueryAsync(Neo4jStatement statement, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, QueryPath, statement, affinity: null, cancellationToken);
        return response.Body["data"]?["values"]?.AsArray().Select(row => row!.AsArray()).ToList() ?? [];
    }

    private async Task RollbackAsync(string transactionId, string? affinity)
    {
        try
        {
            using var request = Request(HttpMethod.Delete, $"{QueryPath}/tx/{transactionId}", statement: null, affinity);
            using var _ = await http.SendAsync(request, CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // The server drops an abandoned transaction when it expires; the original failure is what matters.
        }
    }

    private async Task<Neo4jResponse> SendAsync(HttpMethod method, string path, Neo4jStatement? statement, string? affinity, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, statement, affinity);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)?.AsObject() ?? new JsonObject();
        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            var first = errors[0]!;
            throw new Neo4jException($"{first["code"]?.GetValue<string>()}: {first["message"]?.GetValue<string>()}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Neo4j answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return new Neo4jResponse(body, response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : affinity);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, Neo4jStatement? statement, string? affinity)
    {
        var request = new HttpRequestMessage(method, new Uri(connection.Endpoint, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.UserName}:{connection.Password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (statement is not null)
        {
            request.Content = JsonContent.Create(new JsonObject { ["statement"] = statement.Cypher, ["parameters"] = statement.Parameters });
        }

        return request;
    }

    private sealed record Neo4jResponse(JsonObject Body, string? Affinity);
}

/// <summary>A Cypher statement with its parameters.</summary>
public sealed record Neo4jStatement(string Cypher, JsonObject Parameters);

/// <summary>Neo4j refused a statement (syntax, constraint, authentication); not worth retrying.</summary>
public sealed class Neo4jException(string message) : Exception(message);
