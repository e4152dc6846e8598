using MarketResearch.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddWorkerDefaults();
builder.AddWorkerServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
