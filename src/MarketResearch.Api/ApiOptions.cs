using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest JSON body accepted (uploads get their own limit).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    [Range(1, 500)]
    public int DefaultPageSize { get; set; } = 25;

    /// <summary>Browser origins allowed to call the API with credentials (CORS); empty means same-origin only.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
