namespace MarketResearch.AppHost.Publishing;

/// <summary>Walks the AppHost's application model (publish mode) into a <see cref="DeploymentModel"/>.</summary>
internal sealed class DeploymentModelReader(DistributedApplicationExecutionContext executionContext, DeploymentSettings settings)
{
    public async Task<DeploymentModel> ReadAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var projects = model.Resources.OfType<ProjectResource>().ToList();
        settings.Validate(projects.Select(project => project.Name));

        var secrets = model.Resources.OfType<ParameterResource>()
            .Where(parameter => parameter.Secret)
            .Select(SecretInput.From)
            .ToList();

        // A resource others wait to complete (WaitForCompletion) is a one-shot job, not a long-running service.
        var oneShots = model.Resources
            .SelectMany(resource => resource.Annotations.OfType<WaitAnnotation>())
            .Where(wait => wait.WaitType == WaitType.WaitForCompletion)
            .Select(wait => wait.Resource.Name)
            .ToHashSet();

        var services = new List<DeployedService>();
        foreach (var project in projects)
        {
            services.Add(await ReadServiceAsync(project, oneShots, secrets, cancellationToken));
        }

        var stores = new List<DataStore>();
        foreach (var container in model.Resources.OfType<ContainerResource>())
        {
            stores.Add(await ReadStoreAsync(container, secrets, cancellationToken));
        }

        return new DeploymentModel(services, stores, secrets, settings);
    }

    private async Task<DeployedService> ReadServiceAsync(
        ProjectResource project, HashSet<string> oneShots, List<SecretInput> secrets, CancellationToken cancellationToken)
    {
        var serviceSettings = settings.ForService(project.Name);
        var environment = new List<ServiceVariable>();
        var stores = new List<string>();
        var calls = new List<string>();

        foreach (var (name, value) in await EnvironmentOfAsync(project, cancellationToken))
        {
            var deployed = ToServiceValue(project.Name, name, value, secrets, serviceSettings);
            if (deployed is null)
            {
                continue;
            }

            environment.Add(new ServiceVariable(name, deployed));
            if (deployed is ConnectionStringValue connection && !stores.Contains(connection.Target.StoreName))
            {
                stores.Add(connection.Target.StoreName);
            }

            if (value is EndpointReference { Resource: ProjectResource called } && !calls.Contains(called.Name))
            {
                calls.Add(called.Name);
            }
        }

        var isPublic = project.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal);
        if (isPublic && serviceSettings.PublicPath is null)
        {
            throw DeploymentSettings.Invalid($"{DeploymentSettings.SectionName}:{project.Name}:PublicPath",
                "is missing: the AppHost marks the service external, so the proxy and the Ingress must route a path to it");
        }

        var runsAfter = project.Annotations.OfType<WaitAnnotation>()
            .Where(wait => wait.WaitType == WaitType.WaitForCompletion)
            .Select(wait => wait.Resource.Name)
            .ToList();

        return new DeployedService(project.Name, oneShots.Contains(project.Name), isPublic, environment, stores, calls, runsAfter, serviceSettings);
    }

    private async Task<DataStore> ReadStoreAsync(ContainerResource container, List<SecretInput> secrets, CancellationToken cancellationToken)
    {
        var kind = container switch
        {
            PostgresServerResource => DataStoreKind.Postgres,
            RedisResource => DataStoreKind.Redis,
            Infrastructure.Neo4jResource => DataStoreKind.Graph,
            _ => throw new DistributedApplicationException(
                $"Container '{container.Name}' is not a data store the deployment knows; teach {nameof(DeploymentModelReader)} how to run it."),
        };

        var image = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        var environment = new List<ServiceVariable>();
        foreach (var (name, value) in await EnvironmentOfAsync(container, cancellationToken))
        {
            environment.Add(new ServiceVariable(name, value switch
            {
                string text => new LiteralValue(text),
                ParameterResource parameter => new SecretValue(Secret(parameter, secrets)),
                ReferenceExpression expression when DeploymentAddresses.TryRender(expression, out var text) && text is not null => new LiteralValue(text),
                ReferenceExpression expression => new ExpressionValue(expression),
                _ => throw Unsupported(container.Name, name, value),
            }));
        }

        var volumes = container.Annotations.OfType<ContainerMountAnnotation>()
            .Where(mount => mount.Type == ContainerMountType.Volume && mount.Source is not null)
            .Select(mount => new StoreVolume(mount.Source!, mount.Target))
            .ToList();
        var ports = container.Annotations.OfType<EndpointAnnotation>()
            .Select(endpoint => endpoint.TargetPort ?? throw new DistributedApplicationException($"'{container.Name}' endpoint '{endpoint.Name}' has no target port."))
            .ToList();

        // Docker Hub is the default registry of both compose and Kubernetes: leave its name out of the image.
        var repository = image.Registry is null or "docker.io" ? image.Image : $"{image.Registry}/{image.Image}";
        repository = repository.StartsWith("library/", StringComparison.Ordinal) ? repository["library/".Length..] : repository;

        return new DataStore(container.Name, kind, $"{repository}:{image.Tag}", ports, volumes, environment,
            container.Entrypoint, await ArgumentsOfAsync(container, cancellationToken));
    }

    private ServiceValue? ToServiceValue(string service, string name, object value, List<SecretInput> secrets, ServiceSettings serviceSettings) => value switch
    {
        string text => new LiteralValue(text),
        ParameterResource { Secret: true } parameter => new SecretValue(Secret(parameter, secrets)),
        ConnectionStringReference reference => Connection(reference.Resource, serviceSettings),
        IResourceWithConnectionString resource => Connection(resource, serviceSettings),
        EndpointReference endpoint => DeploymentAddresses.Resolve(endpoint, EndpointProperty.Url) is { } url ? new LiteralValue(url) : null,
        EndpointReferenceExpression expression => DeploymentAddresses.Resolve(expression.Endpoint, expression.Property) is { } text ? new LiteralValue(text) : null,
        ReferenceExpression expression when DeploymentAddresses.TryRender(expression, out var text) => text is null ? null : new LiteralValue(text),
        _ => throw Unsupported(service, name, value),
    };

    private static ConnectionStringValue Connection(IResourceWithConnectionString resource, ServiceSettings serviceSettings)
    {
        var store = resource is IResourceWithParent { Parent: { } parent } ? parent : resource;
        var isPostgres = store is PostgresServerResource;
        var target = new ConnectionTarget(resource.Name, store.Name, resource.ConnectionStringExpression, isPostgres);
        return new ConnectionStringValue(target, isPostgres ? serviceSettings.PostgresPoolSize : 0);
    }

    private static SecretInput Secret(ParameterResource parameter, List<SecretInput> secrets) =>
        secrets.Single(secret => secret.Name == parameter.Name);

    private static DistributedApplicationException Unsupported(string resource, string variable, object value) =>
        new($"{resource}: environment variable {variable} holds a {value.GetType().Name}, which the deployment cannot express " +
            "without copying a value; use a literal, a secret parameter, a connection string or an endpoint.");

    private async Task<List<(string Name, object Value)>> EnvironmentOfAsync(IResource resource, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>();
        if (resource.TryGetEnvironmentVariables(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, resource, values, cancellationToken);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }
        }

        return values.Select(pair => (pair.Key, pair.Value)).ToList();
    }

    private async Task<List<string>> ArgumentsOfAsync(IResource resource, CancellationToken cancellationToken)
    {
        var arguments = new List<object>();
        if (resource.TryGetAnnotationsOfType<CommandLineArgsCallbackAnnotation>(out var callbacks))
        {
            var context = new CommandLineArgsCallbackContext(arguments, resource, cancellationToken) { ExecutionContext = executionContext };
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }
        }

        return arguments.Select(argument => argument as string
            ?? throw new DistributedApplicationException($"'{resource.Name}' has a computed argument ({argument.GetType().Name}); the deployment needs plain text.")).ToList();
    }
}
