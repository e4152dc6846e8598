namespace MarketResearch.AppHost.Publishing;

/// <summary>
/// The system as a deployment sees it, read from the AppHost's application model: our services, the data stores
/// they use and the secrets they need. Compose and Kubernetes output are both written from this one model.
/// </summary>
internal sealed record DeploymentModel(
    IReadOnlyList<DeployedService> Services,
    IReadOnlyList<DataStore> DataStores,
    IReadOnlyList<SecretInput> Secrets,
    DeploymentSettings Settings)
{
    /// <summary>Every service listens here in its container (the Dockerfiles' EXPOSE, ASP.NET Core's default).</summary>
    public const int ServicePort = 8080;

    public const string LivePath = "/health/live";
    public const string ReadyPath = ServiceEndpoints.ReadyPath;
    public const string MetricsPath = "/metrics";

    public IEnumerable<DeployedService> LongRunning => Services.Where(service => !service.IsOneShot);

    public DataStore Store(string name) => DataStores.Single(store => store.Name == name);
}

/// <summary>One of our .NET services, built from its Dockerfile into <c>marketresearch/&lt;name&gt;</c>.</summary>
internal sealed record DeployedService(
    string Name,
    bool IsOneShot,
    bool IsPublic,
    IReadOnlyList<ServiceVariable> Environment,
    IReadOnlyList<string> UsesStores,
    IReadOnlyList<string> CallsServices,
    IReadOnlyList<string> RunsAfter,
    ServiceSettings Settings)
{
    public string Image => $"marketresearch/{Name}";

    /// <summary>One-shot services (migrations) have no port: they run to completion and exit.</summary>
    public bool HasPort => !IsOneShot;
}

internal enum DataStoreKind
{
    Postgres,
    Redis,
    Graph,
}

/// <summary>A data store container of the AppHost (compose runs it; Kubernetes uses a managed service instead).</summary>
internal sealed record DataStore(
    string Name,
    DataStoreKind Kind,
    string Image,
    IReadOnlyList<int> Ports,
    IReadOnlyList<StoreVolume> Volumes,
    IReadOnlyList<ServiceVariable> Environment,
    string? Entrypoint,
    IReadOnlyList<string> Args);

internal sealed record StoreVolume(string Name, string Target);

internal sealed record ServiceVariable(string Name, ServiceValue Value);

/// <summary>What an environment variable holds: never a secret's value, only a reference to where it comes from.</summary>
internal abstract record ServiceValue;

internal sealed record LiteralValue(string Text) : ServiceValue;

internal sealed record SecretValue(SecretInput Secret) : ServiceValue;

/// <summary>A data store's connection string; Postgres ones get the service's own pool size appended.</summary>
internal sealed record ConnectionStringValue(ConnectionTarget Target, int PoolSize) : ServiceValue;

/// <summary>A mix of text and secrets (NEO4J_AUTH = "neo4j/&lt;password&gt;"), only for data store containers.</summary>
internal sealed record ExpressionValue(ReferenceExpression Expression) : ServiceValue;

internal sealed record ConnectionTarget(string Name, string StoreName, ReferenceExpression Expression, bool IsPostgres)
{
    /// <summary>The key of the operator-created Kubernetes Secret that holds this connection string.</summary>
    public string SecretKey => $"connection-string-{Name}";
}

/// <summary>
/// A secret parameter of the AppHost. Ones the AppHost generates in development must be supplied (non-empty);
/// ones without a generator (the LLM key) may be empty.
/// </summary>
internal sealed record SecretInput(string Name, bool MayBeEmpty)
{
    public static SecretInput From(ParameterResource parameter) => new(parameter.Name, MayBeEmpty: parameter.Default is not GenerateParameterDefault);

    /// <summary>The compose variable: postgres-password becomes POSTGRES_PASSWORD.</summary>
    public string VariableName => Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>The key in the operator-created Kubernetes Secret.</summary>
    public string SecretKey => Name;
}
