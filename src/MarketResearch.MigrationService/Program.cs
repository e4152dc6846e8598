using MarketResearch.Domain.Persistence;
using MarketResearch.MigrationService;

var builder = Host.CreateApplicationBuilder(args);

builder.AddWorkerDefaults();
builder.AddResearchPersistence();
builder.Services.AddOptions<MigrationOptions>()
    .Bind(builder.Configuration.GetSection(MigrationOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<MigrationRunner>();

await builder.Build().RunAsync();
