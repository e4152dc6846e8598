using System.Text.Json;
using MarketResearch.AI.Structured;

namespace MarketResearch.AI.Tests.Structured;

public sealed class JsonRepairTests
{
    [Theory]
    [InlineData("```json\n{\"a\": 1}\n```", "{\"a\": 1}", JsonRepair.StrippedCodeFence)]
    [InlineData("```\n[1, 2]\n```", "[1, 2]", JsonRepair.StrippedCodeFence)]
    [InlineData("Sure! Here is the JSON: {\"a\": {\"b\": 2}} Hope that helps.", "{\"a\": {\"b\": 2}}", JsonRepair.ExtractedFromText)]
    [InlineData("{\"a\": [1, 2,], \"b\": 3,}", "{\"a\": [1, 2], \"b\": 3}", JsonRepair.RemovedTrailingCommas)]
    [InlineData("{\"a\": [1, 2,\n  ],\n}", "{\"a\": [1, 2\n  ]\n}", JsonRepair.RemovedTrailingCommas)]
    [InlineData("{'name': 'Anna', 'tags': ['a', 'b']}", "{\"name\": \"Anna\", \"tags\": [\"a\", \"b\"]}", JsonRepair.ConvertedSingleQuotes)]
    [InlineData("{'quote': 'She said \"hi\"'}", "{\"quote\": \"She said \\\"hi\\\"\"}", JsonRepair.ConvertedSingleQuotes)]
    [InlineData("{'text': 'don\\'t'}", "{\"text\": \"don't\"}", JsonRepair.ConvertedSingleQuotes)]
    public void Mends_a_common_fault(string reply, string expected, string repair)
    {
        var (json, repairs) = JsonRepair.Repair(reply);

        Assert.Equal(expected, json);
        Assert.Contains(repair, repairs);
        using var _ = JsonDocument.Parse(json);
    }

    [Fact]
    public void Mends_several_faults_at_once()
    {
        const string Reply = "Here you go:\n```json\n{'answer': 'I like it, mostly', 'tags': ['price', 'taste',],}\n```";

        var (json, repairs) = JsonRepair.Repair(Reply);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("I like it, mostly", document.RootElement.GetProperty("answer").GetString());
        Assert.Equal([JsonRepair.StrippedCodeFence, JsonRepair.ConvertedSingleQuotes, JsonRepair.RemovedTrailingCommas], repairs);
    }

    [Theory]
    [InlineData("{\"a\": \"it's fine, ]\", \"b\": [\"x, }\"]}")]
    [InlineData("{\"text\": \"He said: 'no,' twice\"}")]
    [InlineData("[{\"a\": \"\\\"quoted\\\", ok\"}]")]
    public void Leaves_valid_json_and_string_contents_untouched(string json)
    {
        var (repaired, repairs) = JsonRepair.Repair(json);

        Assert.Equal(json, repaired);
        Assert.Empty(repairs);
    }

    [Fact]
    public void A_reply_cut_off_mid_object_is_returned_from_its_start_so_the_parse_error_is_honest()
    {
        var (json, _) = JsonRepair.Repair("Answer: {\"a\": [1, 2");

        Assert.Equal("{\"a\": [1, 2", json);
    }
}
