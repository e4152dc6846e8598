namespace MarketResearch.AppHost;

/// <summary>Paths every service maps through ServiceDefaults.</summary>
internal static class ServiceEndpoints
{
    public const string ReadyPath = "/health/ready";
}
