using System.Text.RegularExpressions;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MarketResearch.UnitTests.Persistence;

/// <summary>The EF Core model, built as every host builds it (no database needed): it must agree with the migrations.</summary>
public sealed partial class ResearchModelTests
{
    private static ResearchDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<ResearchDbContext>()
            .UseNpgsql("Host=model-only;Database=none", npgsql => npgsql.MigrationsAssembly(typeof(ResearchDbContext).Assembly.GetName().Name));
        options.UseResearchConventions();
        return new ResearchDbContext(options.Options);
    }

    [Fact]
    public void The_model_has_no_changes_that_a_migration_does_not_carry()
    {
        using var context = NewContext();

        Assert.False(context.Database.HasPendingModelChanges(),
            "The model differs from the latest migration's snapshot: add a migration (docs: README, Migrations).");
    }

    [Fact]
    public void Every_table_and_column_is_snake_case_except_the_tables_identity_names_itself()
    {
        using var context = NewContext();

        foreach (var entity in context.Model.GetEntityTypes().Where(entity => entity.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            if (!entity.GetTableName()!.StartsWith("AspNet", StringComparison.Ordinal))
            {
                Assert.Matches(SnakeCase(), entity.GetTableName()!);
            }

            foreach (var property in entity.GetProperties())
            {
                Assert.Matches(SnakeCase(), property.GetColumnName(table) ?? "missing");
            }
        }
    }

    [Fact]
    public void Every_foreign_key_is_backed_by_an_index_that_starts_with_its_columns()
    {
        using var context = NewContext();

        // Postgres does not index foreign keys itself: an unindexed one makes cascades and joins scan the table.
        foreach (var entity in context.Model.GetEntityTypes())
        {
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var columns = foreignKey.Properties;
                var covered = entity.GetIndexes().Select(index => index.Properties)
                    .Concat(entity.FindPrimaryKey() is { } key ? [key.Properties] : [])
                    .Any(indexed => indexed.Count >= columns.Count && indexed.Take(columns.Count).SequenceEqual(columns));
                Assert.True(covered, $"{entity.DisplayName()}: foreign key ({string.Join(", ", columns.Select(p => p.Name))}) has no index");
            }
        }
    }

    [Fact]
    public void A_target_audience_survives_the_round_trip_through_its_json_column()
    {
        using var context = NewContext();
        var property = context.Model.FindEntityType(typeof(Project))!.FindProperty(nameof(Project.Audience))!;
        var converter = property.GetValueConverter()!;
        var audience = new TargetAudience(
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["gender"] = new Dictionary<string, double> { ["female"] = 0.6, ["male"] = 0.4 } },
            "Parents of toddlers");

        var json = (string)converter.ConvertToProvider(audience)!;
        var back = (TargetAudience)converter.ConvertFromProvider(json)!;

        Assert.Equal("Parents of toddlers", back.Description);
        Assert.Equal(0.6, back.Distributions["gender"]["female"]);
        Assert.Equal(TargetAudience.Empty.Distributions.Count, ((TargetAudience)converter.ConvertFromProvider("null")!).Distributions.Count);
    }

    [Fact]
    public void A_json_list_column_snapshots_a_deep_copy_so_in_place_edits_are_detected()
    {
        using var context = NewContext();
        var property = context.Model.FindEntityType(typeof(FocusGroup))!.FindProperty(nameof(FocusGroup.Questions))!;
        var comparer = (ValueComparer<List<string>>)property.GetValueComparer();
        var questions = new List<string> { "Would you buy it?" };

        var snapshot = comparer.Snapshot(questions);
        questions.Add("At what price?");

        Assert.NotSame(questions, snapshot);
        Assert.False(comparer.Equals(questions, snapshot));
        Assert.Equal(["Would you buy it?"], snapshot);
        Assert.Equal(comparer.GetHashCode(snapshot), comparer.GetHashCode(["Would you buy it?"]));
    }

    [Theory]
    [InlineData(1, 1_000, 2_000)]
    [InlineData(2, 2_000, 4_000)]
    [InlineData(4, 8_000, 16_000)]
    [InlineData(10, 30_000, 60_000)] // capped at the maximum
    [InlineData(500, 30_000, 60_000)] // no overflow for absurd attempt counts
    public void Retry_delay_doubles_per_attempt_with_jitter_in_the_upper_half_and_a_cap(int attempt, double lowestMs, double highestMs)
    {
        var random = new Random(attempt);
        for (var sample = 0; sample < 200; sample++)
        {
            var delay = RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), random).TotalMilliseconds;
            Assert.InRange(delay, lowestMs, highestMs);
        }
    }

    [Fact]
    public void Retry_delays_are_jittered_so_retries_of_many_jobs_spread_out()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => RetryBackoff.Delay(3, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), random)).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct delays out of 50");
    }

    [Theory]
    [InlineData("en", "english")]
    [InlineData("pl", "simple")]
    [InlineData("de", "simple")]
    public void Full_text_uses_english_stemming_only_for_english_projects(string locale, string expected) =>
        Assert.Equal(expected, TextSearchConfig.For(locale));

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
