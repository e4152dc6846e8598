using System.Text.RegularExpressions;

namespace MarketResearch.IntegrationTests;

/// <summary>A browser-like client of the web app: keeps cookies and posts its forms with their antiforgery token.</summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;

    public WebSession(LocalStackFixture stack)
    {
        Cookies = new CookieContainer();
        BaseAddress = stack.App.GetEndpoint("web", "http");
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    public CookieContainer Cookies { get; }
    public Uri BaseAddress { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>Loads the page holding the form, then posts the form with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, Dictionary<string, string> fields)
    {
        var page = await _client.GetStringAsync(pagePath);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pagePath}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
