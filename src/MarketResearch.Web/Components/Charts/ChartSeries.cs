namespace MarketResearch.Web.Components.Charts;

/// <summary>One labelled group of bars (e.g. an audience value) with one value per series (e.g. target, actual).</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double> Values);

/// <summary>One spoke of a radar chart; values run from 0 to 1.</summary>
public sealed record RadarAxis(string Label, double Value);
