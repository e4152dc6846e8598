using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketResearch.AI.Structured;

/// <summary>A schema-valid JSON answer and what it took to get it.</summary>
public sealed record StructuredAnswer(JsonElement Json, int Attempts, IReadOnlyList<string> Repairs, ChatResponse Response)
{
    public T Deserialize<T>() => Json.Deserialize<T>(StructuredCompletion.JsonOptions)
        ?? throw new JsonException($"The answer did not deserialize to {typeof(T).Name}.");
}

/// <summary>
/// Asks for JSON with a schema, validates the reply, repairs common faults, and otherwise asks again with the
/// validation errors fed back, up to <see cref="StructuredOutputSettings.MaxAttempts"/> calls in all.
/// </summary>
public sealed partial class StructuredCompletion(IChatClient chatClient, IOptions<LlmOptions> options, ILogger<StructuredCompletion> logger)
{
    internal static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public async Task<StructuredAnswer> CompleteAsync(
        IEnumerable<ChatMessage> messages,
        JsonElement schema,
        string schemaName,
        ChatOptions? chatOptions = null,
        CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        var requestOptions = chatOptions?.Clone() ?? new ChatOptions();
        requestOptions.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, schemaName);
        var maxAttempts = options.Value.StructuredOutput.MaxAttempts;
        IReadOnlyList<string> errors = [];
        var reply = string.Empty;

        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var response = await chatClient.GetResponseAsync(conversation, requestOptions, cancellationToken).ConfigureAwait(false);
            reply = response.Text;
            (var json, var repairs, errors) = Read(reply, schema);
            if (errors.Count == 0)
            {
                return new StructuredAnswer(json, attempt, repairs, response);
            }

            LogInvalidReply(logger, schemaName, attempt, maxAttempts, string.Join("; ", errors));
            conversation.Add(new ChatMessage(ChatRole.Assistant, reply));
            conversation.Add(new ChatMessage(ChatRole.User, Feedback(errors)));
        }

        throw new StructuredOutputException(schemaName, maxAttempts, errors, reply);
    }

    public async Task<T> CompleteAsync<T>(
        IEnumerable<ChatMessage> messages,
        JsonElement schema,
        string schemaName,
        ChatOptions? chatOptions = null,
        CancellationToken cancellationToken = default) =>
        (await CompleteAsync(messages, schema, schemaName, chatOptions, cancellationToken).ConfigureAwait(false)).Deserialize<T>();

    /// <summary>Parses as is, else after repair; then validates. Errors are empty when the reply is usable.</summary>
    internal static (JsonElement Json, IReadOnlyList<string> Repairs, IReadOnlyList<string> Errors) Read(string reply, JsonElement schema)
    {
        IReadOnlyList<string> repairs = [];
        if (!TryParse(reply, out var json, out var parseError))
        {
            (var repaired, repairs) = JsonRepair.Repair(reply);
            if (!TryParse(repaired, out json, out parseError))
            {
                return (default, repairs, [$"$: not valid JSON ({parseError})"]);
            }
        }

        return (json, repairs, JsonSchemaValidator.Validate(json, schema));
    }

    private static bool TryParse(string text, out JsonElement json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            json = default;
            error = exception.Message;
            return false;
        }
    }

    private static string Feedback(IReadOnlyList<string> errors) =>
        "Your previous reply was not valid for the required JSON schema:\n- "
        + string.Join("\n- ", errors)
        + "\nReply again with only the corrected JSON object, no explanations and no code fences.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply for {SchemaName} invalid on attempt {Attempt} of {MaxAttempts}: {Errors}")]
    private static partial void LogInvalidReply(ILogger logger, string schemaName, int attempt, int maxAttempts, string errors);
}
