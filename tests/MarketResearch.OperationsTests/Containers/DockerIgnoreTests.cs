using MarketResearch.OperationsTests.Infrastructure;

namespace MarketResearch.OperationsTests.Containers;

public sealed class DockerIgnoreTests
{
    [Theory]
    [InlineData("**/bin")]
    [InlineData("**/obj")]
    [InlineData("**/.state")]
    [InlineData(".git")]
    public void The_build_context_leaves_out_build_output_local_state_and_history(string pattern)
    {
        // The context is the repository root; bin and obj sit in every project folder, hence **/.
        var path = Repository.PathOf(".dockerignore");
        Assert.True(File.Exists(path), "The repository root has no .dockerignore.");

        var patterns = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.TrimStart('/').TrimEnd('/'))
            .ToList();

        Assert.Contains(pattern, patterns);
        Assert.DoesNotContain($"!{pattern}", patterns);
    }
}
