namespace MarketResearch.Knowledge.Documents;

/// <summary>Why an upload was refused, with the HTTP status it maps to (400, 413 or 415).</summary>
public sealed record DocumentRejection(int StatusCode, string Title, string Detail)
{
    public const int BadRequest = 400;
    public const int TooLarge = 413;
    public const int UnsupportedType = 415;

    public static DocumentRejection Empty() => new(BadRequest, "The file is empty.", "Upload a file with some text in it.");

    public static DocumentRejection Unsupported(string detail) => new(UnsupportedType, "This type of file is not supported.", detail);

    public static DocumentRejection Unreadable(string detail) => new(BadRequest, "The file cannot be read.", detail);
}

/// <summary>Thrown by the readers when a document turns out to be unreadable; carries the rejection.</summary>
public sealed class DocumentRejectedException(DocumentRejection rejection) : Exception(rejection.Detail)
{
    public DocumentRejection Rejection { get; } = rejection;
}
