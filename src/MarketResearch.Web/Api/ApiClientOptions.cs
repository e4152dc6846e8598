using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MarketResearch.Web.Api;

public sealed class ApiClientOptions
{
    public const string Section = "ApiClient";

    /// <summary>Where the API lives; "https+http://api" resolves through Aspire service discovery.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://api");

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public static void Configure(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<ApiClientOptions>>().Value;
        client.BaseAddress = options.BaseAddress;
        client.Timeout = options.Timeout;
    }
}
