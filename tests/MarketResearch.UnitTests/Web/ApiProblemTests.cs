using System.Net;
using System.Text.Json;
using MarketResearch.Web.AI;
using MarketResearch.Web.Api;

namespace MarketResearch.UnitTests.Web;

public sealed class ApiProblemTests
{
    [Fact]
    public void Validation_problems_keep_their_field_errors_for_the_form()
    {
        var body = JsonDocument.Parse("""{"title":"One or more validation errors occurred.","status":400,"errors":{"audience.distributions.age":["Weights must sum to 1."],"name":["A project needs a name."]}}""").RootElement;

        var problem = ApiProblem.From(HttpStatusCode.BadRequest, body);

        Assert.Equal(["Weights must sum to 1."], problem.For("audience.distributions.age"));
        Assert.Equal(["A project needs a name."], problem.For("Name"));
        Assert.Empty(problem.For("description"));
        Assert.Contains("next to them", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "Your role in this project does not allow this.")]
    [InlineData(HttpStatusCode.NotFound, "It was not found, or you cannot see it.")]
    [InlineData(HttpStatusCode.InternalServerError, "Something went wrong on our side. Try again in a moment.")]
    public void Other_refusals_become_one_friendly_sentence(HttpStatusCode status, string message)
    {
        var body = JsonDocument.Parse("""{"title":"Internal detail","detail":"Stack trace here"}""").RootElement;

        Assert.Equal(message, ApiProblem.From(status, body).Message);
    }

    [Theory]
    [InlineData("""{"offline":true}""", true)]
    [InlineData("""{"isOffline":false,"chatProvider":"Offline"}""", false)]
    [InlineData("""{"chatProvider":"Offline","chatModel":"offline-simulator"}""", true)]
    [InlineData("""{"chatProvider":"OpenAICompatible"}""", false)]
    [InlineData("""{"something":"else"}""", null)]
    public void The_offline_flag_is_read_from_the_shapes_an_ai_status_can_take(string json, bool? offline)
    {
        Assert.Equal(offline, AiStatusClient.ReadOffline(JsonDocument.Parse(json).RootElement));
    }
}
