using MarketResearch.Api;
using MarketResearch.Api.AI;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Personas;
using MarketResearch.Api.Projects;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapAuthApi();
app.MapProjectsApi();
app.MapJobsApi();
app.MapPersonasApi();
app.MapAIStatusApi();

app.Run();

/// <summary>Entry point, visible to tests that host the API in-process.</summary>
public partial class Program;
