using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MarketResearch.Api.Infrastructure;

/// <summary>
/// Turns a client's malformed request (bad JSON, wrong type, body too large) into RFC 9457 problem details
/// naming the offending field, instead of an empty 400 or a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = badRequest.InnerException is JsonException json
            ? new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [JsonPathToField(json.Path)] = [$"The JSON is not valid here: {FirstSentence(json.Message)}"],
            })
            { Detail = "The request body is not valid JSON for this endpoint." }
            : new ProblemDetails { Detail = Describe(badRequest) };
        problem.Status = badRequest.StatusCode;
        problem.Title = badRequest.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
            _ => "The request is not valid.",
        };

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static string Describe(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "Send a smaller body; the limit is configured as Api:MaxRequestBodyBytes.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body with Content-Type: application/json.",
        _ => exception.Message,
    };

    /// <summary>"$.audience.distributions.age" → "audience.distributions.age"; the root is "$".</summary>
    internal static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
