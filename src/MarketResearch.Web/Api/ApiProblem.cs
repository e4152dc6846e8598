using System.Net;
using System.Text.Json;

namespace MarketResearch.Web.Api;

/// <summary>
/// An API refusal as the user should read it: a friendly sentence plus the field errors of a 400, keyed by the
/// API's JSON path ("name", "audience.distributions.age") so a form can show each next to its field.
/// </summary>
public sealed record ApiProblem(HttpStatusCode Status, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFieldErrors = new Dictionary<string, string[]>();

    public static ApiProblem Unreachable { get; } =
        new(0, "The service did not answer. Check your connection and try again in a moment.", NoFieldErrors);

    /// <summary>The messages for one field, or none.</summary>
    public IReadOnlyList<string> For(string field) =>
        FieldErrors.TryGetValue(field, out var messages) ? messages : [];

    public static ApiProblem From(HttpStatusCode status, JsonElement problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(message => message.GetString() ?? string.Empty).ToArray()
                    : [field.Value.ToString()];
            }
        }

        return new ApiProblem(status, Describe(status, problem, errors.Count > 0), errors);
    }

    private static string Describe(HttpStatusCode status, JsonElement problem, bool hasFieldErrors)
    {
        if (hasFieldErrors)
        {
            return "Some fields need attention: see the messages next to them.";
        }

        var title = Text(problem, "title");
        var detail = Text(problem, "detail");
        return status switch
        {
            HttpStatusCode.TooManyRequests => "Too many requests. Wait a moment and try again." + (detail is null ? string.Empty : $" {detail}"),
            HttpStatusCode.Forbidden => "Your role in this project does not allow this.",
            HttpStatusCode.NotFound => "It was not found, or you cannot see it.",
            >= HttpStatusCode.InternalServerError => "Something went wrong on our side. Try again in a moment.",
            _ when title is not null => detail is null ? title : $"{title} {detail}",
            _ => "The request was not accepted.",
        };
    }

    private static string? Text(JsonElement problem, string property) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>A value, or the problem that stopped the API from giving one.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem);
}
