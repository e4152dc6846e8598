namespace MarketResearch.AppHost.Infrastructure;

internal static class ContainerInfrastructure
{
    /// <summary>Postgres with pgvector, Redis and Neo4j as containers with named data volumes.</summary>
    public static ResearchInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder, SecretParameters secrets)
    {
        var postgres = builder.AddPostgres(ResearchInfrastructure.PostgresName, password: secrets.PostgresPassword)
            .WithImage("pgvector/pgvector", "pg17")
            .WithDataVolume("marketresearch-postgres-data");
        var database = postgres.AddDatabase(ResearchInfrastructure.DatabaseName);

        var redis = builder.AddRedis(ResearchInfrastructure.RedisName, password: secrets.RedisPassword)
            .WithDataVolume("marketresearch-redis-data")
            .WithPersistence();

        var graph = builder.AddNeo4j(ResearchInfrastructure.GraphName, secrets.GraphPassword);

        return new ResearchInfrastructure(InfrastructureMode.Containers, database, postgres, redis, redis, graph);
    }
}
