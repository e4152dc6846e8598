using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace MarketResearch.AI.OpenAI;

/// <summary>
/// One connection to an OpenAI-compatible endpoint (OpenAI, Gemini's OpenAI-compatible base address, Ollama,
/// vLLM, LM Studio) from which the chat client and the embedding generator are made.
/// </summary>
public sealed class OpenAICompatibleEndpoint : IDisposable
{
    /// <summary>Local servers such as Ollama ignore the key, but the client library insists on one.</summary>
    private const string NoKey = "no-key";

    // Connections are recycled so a DNS change behind the endpoint is picked up without a restart.
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    // Idle connections are kept as long as they may live (the handler's default drops them after 1 minute): a job that
    // starts after a pause still finds its connections (TCP and TLS) set up, the start-up warm-up's among them. One the
    // server closed meanwhile is seen by the handler, which watches its idle connections, and is not reused.
    private static readonly TimeSpan IdleConnectionTimeout = ConnectionLifetime;

    private readonly HttpClient httpClient;
    private readonly OpenAIClient client;
    private readonly LlmOptions options;

    public OpenAICompatibleEndpoint(IOptions<LlmOptions> options)
    {
        this.options = options.Value;

        // Our own handler, not IHttpClientFactory's: ServiceDefaults adds a standard resilience handler to every
        // factory client, whose 10 s attempt timeout would cut off long generations and retry behind our back.
        httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime, PooledConnectionIdleTimeout = IdleConnectionTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(this.options.ApiKey) ? NoKey : this.options.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = this.options.Endpoint,
                Transport = new HttpClientPipelineTransport(httpClient),

                // Our pipeline retries (honouring Retry-After) and times out attempts; the SDK must not do it again.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
    }

    public IChatClient CreateChatClient() =>
        client.GetChatClient(options.Model ?? throw new InvalidOperationException("Llm:Model is not configured.")).AsIChatClient();

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator() =>
        client.GetEmbeddingClient(options.EmbeddingModel ?? throw new InvalidOperationException("Llm:EmbeddingModel is not configured."))
            .AsIEmbeddingGenerator();

    /// <summary>
    /// Opens up to <paramref name="connections"/> pooled connections to the endpoint by listing its models at once (GET
    /// models: no tokens, nothing billed), so the first wave of concurrent calls finds its connections (TCP and TLS) set up.
    /// Whatever the answer, even a 404 from a server without that route, the connection stays in the pool; a failure is
    /// left to the first real call to report. Answers how many requests got a response.
    /// </summary>
    public async Task<int> WarmConnectionsAsync(int connections, CancellationToken cancellationToken)
    {
        var models = new Uri(options.Endpoint!.ToString().TrimEnd('/') + "/models");
        // An endpoint that never answers must not hold the warm-up for longer than a call may take.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Timeout);
        var answered = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, models);
                if (!string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
                }

                // The body is read to its end so the connection goes back to the pool.
                using var response = await httpClient.SendAsync(request, bounded.Token);
                await response.Content.LoadIntoBufferAsync(bounded.Token);
                return true;
            }
            catch (Exception exception) when (exception is HttpRequestException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return false;
            }
        }));
        return answered.Count(ok => ok);
    }

    public void Dispose() => httpClient.Dispose();
}
