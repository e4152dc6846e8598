using MarketResearch.AI;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketResearch.Api.AI;

/// <summary>Which models answer, so the web app can say plainly when the offline simulator writes the research.</summary>
public sealed record AIStatusResponse(bool Offline, string ChatProvider, string ChatModel, string EmbeddingProvider, string EmbeddingModel, string? Hint)
{
    public const string ConfigureHint =
        "The offline simulator is answering: its output is deterministic and marked 'offline'. To use a real model, set " +
        "Llm:Provider=OpenAICompatible, Llm:Endpoint (e.g. https://api.openai.com/v1) and Llm:Model on the AppHost, " +
        "and the llm-api-key parameter (empty for Ollama).";

    public static AIStatusResponse From(AIProviderStatus status) => new(
        status.IsOffline, status.ChatProvider.ToString(), status.ChatModel, status.EmbeddingProvider.ToString(), status.EmbeddingModel,
        status.IsOffline ? ConfigureHint : null);
}

internal static class AIStatusApi
{
    public static IEndpointRouteBuilder MapAIStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/ai/status", GetStatus).WithTags("AI").RequireAuthorization().WithName("GetAIStatus");
        return app;
    }

    private static Ok<AIStatusResponse> GetStatus(AIProviderStatus status) => TypedResults.Ok(AIStatusResponse.From(status));
}
