namespace MarketResearch.Web.Projects;

/// <summary>
/// The tabs of a project. A new area (focus groups, surveys, knowledge, exports) adds its entry here and renders
/// its pages inside <c>ProjectShell</c>, which loads the project and the caller's role once for it.
/// </summary>
public static class ProjectSections
{
    public sealed record Section(string Key, string Title, string RelativePath);

    public const string Overview = "overview";
    public const string Personas = "personas";
    public const string Members = "members";
    public const string FocusGroups = "focus-groups";
    public const string Surveys = "surveys";
    public const string Knowledge = "knowledge";
    public const string Exports = "exports";

    public static IReadOnlyList<Section> All { get; } =
    [
        new(Overview, "Overview", string.Empty),
        new(Personas, "Personas", "/personas"),
        new(FocusGroups, "Focus groups", "/focus-groups"),
        new(Surveys, "Surveys", "/surveys"),
        new(Knowledge, "Knowledge", "/knowledge"),
        new(Exports, "Exports", "/exports"),
        new(Members, "Members", "/members"),
    ];
}
