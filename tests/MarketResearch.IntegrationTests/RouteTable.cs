using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.IntegrationTests;

/// <summary>One endpoint of the API as its route table has it.</summary>
public sealed record ApiRoute(string Method, string Pattern, bool AllowsAnonymous)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Reads the API's real route table by building the API in-process against the test stack's stores, so every
/// endpoint added later is covered by the authorisation tests without anyone listing it.
/// </summary>
public static class RouteTable
{
    public static async Task<IReadOnlyList<ApiRoute>> ReadAsync(LocalStackFixture stack)
    {
        var database = await stack.DatabaseConnectionStringAsync();
        var redis = await stack.App.GetConnectionStringAsync("redis");
        await using var api = new WebApplicationFactory<MarketResearch.Api.ApiOptions>().WithWebHostBuilder(host => host
            .UseSetting("ConnectionStrings:marketresearch", database)
            .UseSetting("ConnectionStrings:redis", redis)
            .UseSetting("Auth:SigningKey", stack.SigningKey));

        var sources = api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new ApiRoute(
                    method,
                    "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                    endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Distinct()
            .OrderBy(route => route.Pattern, StringComparer.Ordinal)
            .ToList();
    }
}
