namespace MarketResearch.OperationsTests.Containers;

public sealed class DockerfileTests
{
    public static TheoryData<string> Services => new("MarketResearch.Api", "MarketResearch.Worker", "MarketResearch.Web", "MarketResearch.MigrationService");

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_image_follows_our_rules(string project)
    {
        var image = ServiceImage.For(project);
        Assert.True(File.Exists(image.DockerfilePath), $"{project} has no Dockerfile.");

        var problems = DockerfileLint.Problems(File.ReadAllText(image.DockerfilePath), image);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_lint_rejects_a_naive_single_stage_image()
    {
        const string naive = """
            FROM mcr.microsoft.com/dotnet/sdk:latest
            WORKDIR /src
            COPY . .
            RUN dotnet restore src/MarketResearch.Api/MarketResearch.Api.csproj
            RUN dotnet publish src/MarketResearch.Api/MarketResearch.Api.csproj -o /app
            HEALTHCHECK CMD curl -f http://localhost:8080/health/ready
            ENTRYPOINT dotnet /app/MarketResearch.Api.dll
            """;

        var problems = string.Join('\n', DockerfileLint.Problems(naive, ServiceImage.For("MarketResearch.Api")));

        Assert.Contains("not multi-stage", problems, StringComparison.Ordinal);
        Assert.Contains("latest tag", problems, StringComparison.Ordinal);
        Assert.Contains("SDK image", problems, StringComparison.Ordinal);
        Assert.Contains("non-root user", problems, StringComparison.Ordinal);
        Assert.Contains("exec form", problems, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", problems, StringComparison.Ordinal);
        Assert.Contains("COPY . comes before `dotnet restore`", problems, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USER $APP_UID", "USER root", "runs as root")]
    [InlineData("aspnet:10.0-noble-chiseled-extra", "aspnet:10.0-noble-chiseled", "needs ICU")]
    [InlineData("aspnet:10.0-noble-chiseled-extra", "aspnet:10.0", "not a chiseled image")]
    [InlineData("COPY src/MarketResearch.Domain/MarketResearch.Domain.csproj src/MarketResearch.Domain/\n", "", "MarketResearch.Domain.csproj is not copied before")]
    [InlineData("COPY src/MarketResearch.Domain/ src/MarketResearch.Domain/\n", "", "src/MarketResearch.Domain/ is never copied")]
    [InlineData("sdk:10.0-noble", "sdk", "has no tag")]
    public void The_lint_catches_one_mistake_in_a_good_image(string good, string bad, string problem)
    {
        var image = ServiceImage.For("MarketResearch.Api");
        var dockerfile = File.ReadAllText(image.DockerfilePath);
        Assert.Contains(good, dockerfile, StringComparison.Ordinal);

        var problems = DockerfileLint.Problems(dockerfile.Replace(good, bad, StringComparison.Ordinal), image);

        Assert.Contains(problems, found => found.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_project_closure_follows_project_references()
    {
        var image = ServiceImage.For("MarketResearch.Api");

        Assert.Equal(
            [
                "src/MarketResearch.AI/MarketResearch.AI.csproj",
                "src/MarketResearch.Api/MarketResearch.Api.csproj",
                "src/MarketResearch.Domain/MarketResearch.Domain.csproj",
                "src/MarketResearch.Knowledge/MarketResearch.Knowledge.csproj",
                "src/MarketResearch.ServiceDefaults/MarketResearch.ServiceDefaults.csproj",
            ],
            image.ProjectFiles);
    }
}
