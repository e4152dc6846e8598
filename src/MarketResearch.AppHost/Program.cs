using MarketResearch.AppHost;
using MarketResearch.AppHost.Infrastructure;
using MarketResearch.AppHost.Publishing;

var builder = DistributedApplication.CreateBuilder(args);

var secrets = builder.AddSecretParameters();
var infrastructure = builder.AddResearchInfrastructure(secrets);
builder.AddLocalMonitoring(infrastructure);
builder.AddDeploymentPublishing();

var migrations = builder.AddProject<Projects.MarketResearch_MigrationService>("migrations")
    .WithConnectionStringsOnly()
    .WithReference(infrastructure.Database)
    .WaitFor(infrastructure.DatabaseServer);

var api = builder.AddProject<Projects.MarketResearch_Api>("api")
    .WithResearchBackend(infrastructure, migrations, secrets)
    .WithDirectHttpEndpoint(infrastructure)
    .WithEnvironment("Auth__SigningKey", secrets.TokenSigningKey)
    .WithAppHostSetting(AppHostSettings.MaxUploadBytes)
    .WithExternalHttpEndpoints()
    .AnnounceWhenReady("API (reference at /scalar)", "/scalar");

builder.AddProject<Projects.MarketResearch_Worker>("worker")
    .WithResearchBackend(infrastructure, migrations, secrets)
    .WithDirectHttpEndpoint(infrastructure);

builder.AddProject<Projects.MarketResearch_Web>("web")
    .WithDirectHttpEndpoint(infrastructure)
    .WithConnectionStringsOnly()
    .WithReference(api)
    .WithReference(infrastructure.Redis)
    .WaitFor(api)
    .WithAppHostSetting(AppHostSettings.MaxUploadBytes)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck(ServiceEndpoints.ReadyPath)
    .AnnounceWhenReady("Web app");

builder.Build().Run();
