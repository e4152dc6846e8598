namespace MarketResearch.AI.Structured;

/// <summary>The model did not produce JSON valid for the schema within the allowed attempts.</summary>
public sealed class StructuredOutputException(string schemaName, int attempts, IReadOnlyList<string> errors, string lastReply)
    : Exception($"No valid '{schemaName}' JSON after {attempts} attempt(s). Last problems: {string.Join("; ", errors)}")
{
    public string SchemaName { get; } = schemaName;

    public int Attempts { get; } = attempts;

    /// <summary>The validation or parse errors of the last attempt.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;

    public string LastReply { get; } = lastReply;
}
