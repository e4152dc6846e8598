using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace MarketResearch.Domain.DiscussionGraph;

public enum GraphStoreKind
{
    Postgres,
    Neo4j,
}

/// <summary>Which store holds discussion graphs; the AppHost sets Graph__Store from the infrastructure mode.</summary>
public sealed class GraphStoreOptions
{
    public const string Section = "Graph";
    public const string ConnectionName = "graph";

    [Required]
    public GraphStoreKind Store { get; set; } = GraphStoreKind.Postgres;
}

public static class DiscussionGraphRegistration
{
    /// <summary>The graph builder, the lexical extractor and the configured <see cref="IGraphStore"/>.</summary>
    public static TBuilder AddDiscussionGraph<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<GraphStoreOptions>().Bind(builder.Configuration.GetSection(GraphStoreOptions.Section)).Validate(Valid, "Graph:Store must be Postgres or Neo4j.").ValidateOnStart();
        builder.Services.AddOptions<DiscussionGraphOptions>().Bind(builder.Configuration.GetSection(DiscussionGraphOptions.Section)).Validate(Valid, "DiscussionGraph:MaxConcepts must be 5-500 and MinPersonasPerConcept 1-50.").ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DiscussionGraphOptions>>().Value);
        builder.Services.AddSingleton<LexicalDiscussionExtractor>();
        builder.Services.AddSingleton<IDiscussionExtractor>(provider => provider.GetRequiredService<LexicalDiscussionExtractor>());
        builder.Services.AddScoped<DiscussionGraphBuilder>();
        builder.Services.AddScoped<IDiscussionSource, FocusGroupDiscussionSource>();

        var store = builder.Configuration.GetSection(GraphStoreOptions.Section).Get<GraphStoreOptions>()?.Store ?? GraphStoreKind.Postgres;
        if (store == GraphStoreKind.Neo4j)
        {
            var connectionString = builder.Configuration.GetConnectionString(GraphStoreOptions.ConnectionName)
                ?? throw new InvalidOperationException($"Graph:Store is Neo4j but ConnectionStrings:{GraphStoreOptions.ConnectionName} is not set.");
            builder.Services.AddSingleton(Neo4jConnection.Parse(connectionString));
            builder.Services.AddHttpClient<Neo4jQueryClient>()
                // Timeouts and a circuit breaker, but no automatic re-send of a statement: the whole rebuild is the retry unit.
                .AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            builder.Services.AddScoped<IGraphStore, Neo4jGraphStore>();
        }
        else
        {
            builder.Services.AddScoped<IGraphStore, PostgresGraphStore>();
        }

        return builder;
    }

    private static bool Valid<T>(T options) where T : class => Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true);
}
