using MarketResearch.Web;
using MarketResearch.Web.Account;
using MarketResearch.Web.Components;
using MarketResearch.Web.Exports;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();

app.UseWebPipeline();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapExportDownloads();
app.MapRazorComponents<App>()
    // Our own CSP (WebSecurityHeadersMiddleware) already says frame-ancestors 'none'; one policy, not two.
    .AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
