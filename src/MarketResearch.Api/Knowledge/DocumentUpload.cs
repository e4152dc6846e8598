using MarketResearch.Knowledge;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketResearch.Api.Knowledge;

/// <summary>The file part of a multipart upload, read under the upload limit instead of the JSON body limit.</summary>
internal static class DocumentUpload
{
    public const string FileField = "file";

    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    public static async Task<(IFormFile? File, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, KnowledgeOptions options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || !(request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the document as multipart/form-data.",
                detail: $"Put the file in a form field named '{FileField}'."));
        }

        var limit = options.MaxUploadBytes + EnvelopeBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(options));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(options));
        }
        catch (InvalidDataException exception)
        {
            return (null, exception.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(options)
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The multipart body is malformed.", detail: exception.Message));
        }

        var file = form.Files.GetFile(FileField);
        if (file is null)
        {
            return (null, TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FileField] = [$"Attach the document in the form field '{FileField}'."],
            })
            { Status = StatusCodes.Status400BadRequest }));
        }

        return file.Length > options.MaxUploadBytes ? (null, TooLarge(options)) : (file, null);
    }

    private static ProblemHttpResult TooLarge(KnowledgeOptions options) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large.",
        detail: $"Files up to {options.MaxUploadBytes} bytes are accepted (Knowledge:MaxUploadBytes).");
}
