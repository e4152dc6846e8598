using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketResearch.AI.Tests.OpenAI;

/// <summary>A started host with <c>AddResearchAI</c> and the given "Llm" settings, as a service would have it.</summary>
internal sealed class ResearchAIHost : IAsyncDisposable
{
    private readonly IHost host;

    private ResearchAIHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public IChatClient Chat => host.Services.GetRequiredService<IChatClient>();

    public static async Task<ResearchAIHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddResearchAI();
        var host = builder.Build();
        await host.StartAsync();
        return new ResearchAIHost(host);
    }

    /// <summary>Settings for the OpenAI-compatible provider at the fake server, with fast back-off.</summary>
    public static Dictionary<string, string?> OpenAICompatible(FakeOpenAIServer server) => new()
    {
        ["Llm:Provider"] = "OpenAICompatible",
        ["Llm:Endpoint"] = server.Endpoint.ToString(),
        ["Llm:Model"] = FakeOpenAIServer.Model,
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Retry:MaxRetries"] = "2",
        ["Llm:Retry:BaseDelay"] = "00:00:00.010",
        ["Llm:Timeout"] = "00:00:10",
    };

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
