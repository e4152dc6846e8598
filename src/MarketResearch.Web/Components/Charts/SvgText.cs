using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MarketResearch.Web.Components.Charts;

/// <summary>An SVG &lt;text&gt; element: Razor reserves the &lt;text&gt; tag inside code blocks, so charts render it from here.</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired] public double X { get; set; }
    [Parameter, EditorRequired] public double Y { get; set; }
    [Parameter, EditorRequired] public string Text { get; set; } = string.Empty;
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? Anchor { get; set; }
    [Parameter] public string? Baseline { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X.ToString("0.##", CultureInfo.InvariantCulture));
        builder.AddAttribute(2, "y", Y.ToString("0.##", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "class", Class);
        builder.AddAttribute(4, "text-anchor", Anchor);
        builder.AddAttribute(5, "dominant-baseline", Baseline);
        builder.AddContent(6, Text);
        builder.CloseElement();
    }
}
