using System.Text.Json;
using MarketResearch.Web.Exports;
using MarketResearch.Web.FocusGroups;
using MarketResearch.Web.Personas;
using MarketResearch.Web.Surveys;

namespace MarketResearch.UnitTests.Web;

public sealed class WebResearchPagesTests
{
    private static GraphNode Node(string id, string kind, double size = 1, double? sentiment = null) => new(id, id.ToUpperInvariant(), kind, size, sentiment, null);

    [Fact]
    public void The_graph_layout_is_deterministic_and_puts_concepts_inside_personas()
    {
        GraphNode[] nodes = [Node("p2", "persona"), Node("c1", "concept", 5), Node("p1", "persona"), Node("e1", "emotion"), Node("c2", "concept")];
        var first = GraphLayout.Place(nodes);
        var again = GraphLayout.Place([.. nodes.Reverse()]);
        Assert.Equal(first.OrderBy(node => node.Node.Id).Select(node => (node.X, node.Y)), again.OrderBy(node => node.Node.Id).Select(node => (node.X, node.Y)));

        double Distance(PlacedNode node) => Math.Sqrt(Math.Pow(node.X - (GraphLayout.Canvas / 2), 2) + Math.Pow(node.Y - (GraphLayout.Canvas / 2), 2));
        var concepts = first.Where(node => node.Node.Kind == "concept").Max(Distance);
        var emotions = first.Where(node => node.Node.Kind == "emotion").Min(Distance);
        var personas = first.Where(node => node.Node.Kind == "persona").Min(Distance);
        Assert.True(concepts < emotions && emotions < personas);
        Assert.True(first.Single(node => node.Node.Id == "c1").Radius > first.Single(node => node.Node.Id == "c2").Radius);
        Assert.All(first, node => Assert.InRange(node.X, 0, GraphLayout.Canvas));
    }

    [Fact]
    public void A_concepts_supporters_and_critics_come_from_the_sentiment_of_mentions()
    {
        var graph = new MarketResearch.Web.FocusGroups.DiscussionGraph(Guid.NewGuid(),
            [Node("ana", "persona"), Node("bo", "persona"), Node("cy", "persona"), Node("price", "concept")],
            [
                new("ana", "price", "MENTIONS", 1, 0.6),
                new("bo", "price", "MENTIONS", 1, -0.4),
                new("cy", "price", "MENTIONS", 1, 0),
                new("cy", "price", "FEELS", 1, 0.9),
            ],
            null);
        var (supporters, critics) = GraphLayout.Sides(graph, "price");
        Assert.Equal(["ANA"], supporters);
        Assert.Equal(["BO"], critics);
    }

    [Fact]
    public void A_question_sends_only_the_fields_of_its_type()
    {
        var choice = new QuestionEditor { Type = "singleChoice", Text = "Mode?", Options = "Bike\n\n Car \n", Min = 1, Max = 5 }.ToDraft();
        Assert.Equal(["Bike", "Car"], choice.Options);
        Assert.Null(choice.Min);
        var rating = new QuestionEditor { Type = "ratingScale", Text = "Safe?", Options = "x", MinLabel = " ", MaxLabel = "Very" }.ToDraft();
        Assert.Null(rating.Options);
        Assert.Equal((1, 5), (rating.Min, rating.Max));
        Assert.Null(rating.MinLabel);
        Assert.Equal("Very", rating.MaxLabel);
        Assert.Null(new QuestionEditor { Type = "singleChoice", MinSelections = 1 }.ToDraft().MinSelections);
    }

    [Fact]
    public void Insights_read_summary_key_insights_and_themes_and_tolerate_missing_parts()
    {
        var reading = InsightReading.From(JsonDocument.Parse("""
            {"executiveSummary":"Riders want safer lanes.","keyInsights":["Safety first",{"insight":"Price matters"}],"themes":[{"name":"Safety","description":"Lanes"}]}
            """).RootElement);
        Assert.Equal("Riders want safer lanes.", reading.Summary);
        Assert.Equal(["Safety first", "Price matters"], reading.KeyInsights);
        Assert.Equal([("Safety", "Lanes")], reading.Themes);
        Assert.Equal(new InsightReading(null, [], []).Summary, InsightReading.From(JsonDocument.Parse("[]").RootElement).Summary);
        Assert.Empty(reading.Recommendations);
        Assert.Empty(reading.Citations);
    }

    [Fact]
    public void Insights_read_surprises_recommendations_and_the_cited_passages_with_page_or_section()
    {
        var reading = InsightReading.From(JsonDocument.Parse("""
            {"surprisingFindings":["Students liked it"],"recommendations":["Lower the price","Add a family size"],
             "citations":[{"marker":1,"documentName":"study.pdf","page":3,"section":null,"quote":"Parents buy on discount."},
                          {"marker":2,"documentName":"notes.md","page":null,"section":"Pricing","quote":"Too dear."}]}
            """).RootElement);

        Assert.Equal(["Students liked it"], reading.SurprisingFindings);
        Assert.Equal(["Lower the price", "Add a family size"], reading.Recommendations);
        Assert.Equal([new Citation("study.pdf, page 3", "Parents buy on discount."), new Citation("notes.md, Pricing", "Too dear.")], reading.Citations);
    }

    [Theory]
    [InlineData("json", true)]
    [InlineData("csv", true)]
    [InlineData("md", true)]
    [InlineData("pdf", false)]
    [InlineData(null, false)]
    public void Only_the_apis_export_formats_are_offered(string? format, bool known) => Assert.Equal(known, ExportFormatChoice.IsKnown(format));
}
