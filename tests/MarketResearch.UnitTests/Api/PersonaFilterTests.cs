using MarketResearch.Api.Personas;
using MarketResearch.Domain.Personas;
using Microsoft.Extensions.Primitives;

namespace MarketResearch.UnitTests.Api;

public sealed class PersonaFilterTests
{
    [Fact]
    public void Paging_alone_is_no_filter()
    {
        Assert.True(PersonaFilter.TryParse(Query(("limit", "50"), ("cursor", "abc")), out var filter, out var errors));
        Assert.True(filter.IsEmpty);
        Assert.Empty(errors);
    }

    [Fact]
    public void Demographics_archetypes_traits_and_a_panel_are_read()
    {
        var job = Guid.NewGuid();
        Assert.True(PersonaFilter.TryParse(
            Query(("gender", "female"), ("Age", "25-34"), ("age", "35-44"), ("segment", "contrarian"), ("archetype", "EdgeCase"),
                ("minOpenness", "0.6"), ("maxOpenness", "0.9"), ("maxneuroticism", "0.3"), ("jobId", job.ToString())),
            out var filter, out var errors), string.Join("; ", errors.SelectMany(entry => entry.Value)));

        Assert.Equal(["female"], filter.Demographics["gender"]);
        Assert.Equal(["25-34", "35-44"], filter.Demographics["age"]);
        Assert.Equal(["Contrarian", "EdgeCase"], filter.Archetypes.Order(StringComparer.Ordinal));
        Assert.Contains(new TraitRange(PersonaTrait.Openness, 0.6, 0.9), filter.Traits);
        Assert.Contains(new TraitRange(PersonaTrait.Neuroticism, null, 0.3), filter.Traits);
        Assert.Equal(job, filter.JobId);
    }

    [Theory]
    [InlineData("minOpenness", "1.5")]
    [InlineData("minOpenness", "-0.1")]
    [InlineData("maxOpenness", "high")]
    [InlineData("minCharisma", "0.5")]
    [InlineData("archetype", "villain")]
    [InlineData("archetype", "3")]
    [InlineData("gender", "")]
    [InlineData("jobId", "not-a-guid")]
    [InlineData("colour", "blue")]
    public void Bad_values_and_unknown_filters_are_field_errors(string name, string value)
    {
        Assert.False(PersonaFilter.TryParse(Query((name, value)), out _, out var errors));
        Assert.True(errors.ContainsKey(name), string.Join(", ", errors.Keys));
    }

    [Fact]
    public void A_minimum_above_the_maximum_is_an_error()
    {
        Assert.False(PersonaFilter.TryParse(Query(("minExtraversion", "0.8"), ("maxExtraversion", "0.2")), out _, out var errors));
        Assert.Contains("minExtraversion", errors.Keys);
    }

    [Fact]
    public void Too_long_values_are_refused()
    {
        Assert.False(PersonaFilter.TryParse(Query(("location", new string('x', PersonaFilter.MaxValueLength + 1))), out _, out var errors));
        Assert.Contains("location", errors.Keys);
    }

    [Fact]
    public void The_cache_key_ignores_parameter_order_and_tells_filters_apart()
    {
        PersonaFilter.TryParse(Query(("gender", "male"), ("minOpenness", "0.5"), ("age", "18-24")), out var first, out _);
        PersonaFilter.TryParse(Query(("age", "18-24"), ("minOpenness", "0.5"), ("gender", "male")), out var same, out _);
        PersonaFilter.TryParse(Query(("age", "18-24"), ("maxOpenness", "0.5"), ("gender", "male")), out var other, out _);

        Assert.Equal(first.CacheKey(), same.CacheKey());
        Assert.NotEqual(first.CacheKey(), other.CacheKey());
    }

    private static IEnumerable<KeyValuePair<string, StringValues>> Query(params (string Name, string Value)[] pairs) =>
        pairs.GroupBy(pair => pair.Name, StringComparer.Ordinal)
            .Select(group => new KeyValuePair<string, StringValues>(group.Key, group.Select(pair => pair.Value).ToArray()));
}
