using MarketResearch.Api;
using MarketResearch.Api.Exports;
using MarketResearch.Api.FocusGroups;
using MarketResearch.Api.AI;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Knowledge;
using MarketResearch.Api.Personas;
using MarketResearch.Api.Projects;
using MarketResearch.Api.Surveys;

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
app.MapFocusGroupsApi();
app.MapFocusGroupGraphApi();
app.MapExportsApi();
app.MapSurveysApi();
app.MapDocumentsApi();
app.MapKnowledgeSearchApi();
app.MapAIStatusApi();

app.Run();

/// <summary>Entry point, visible to tests that host the API in-process.</summary>
public partial class Program;
