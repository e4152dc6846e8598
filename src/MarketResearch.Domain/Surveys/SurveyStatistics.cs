using System.Globalization;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Surveys;

/// <summary>
/// Computes a run's results from its stored answers: distributions, rating statistics, cross-tabs of every closed
/// question by every demographic category the respondents carry, and themes of open answers.
/// </summary>
public static class SurveyStatistics
{
    /// <summary>The row of a cross-tab for respondents whose persona has no value in that category.</summary>
    public const string NotStated = "(not stated)";

    public static SurveyResults Compute(
        IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyList<RespondentAnswer> answers,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string>> demographics,
        int maxThemes)
    {
        var categories = Categories(demographics.Values);
        var byQuestion = answers.ToLookup(answer => answer.QuestionIndex);
        var results = questions.Select((question, index) =>
        {
            var given = byQuestion[index].OrderBy(answer => answer.PersonaId).ToList();
            return question.Type switch
            {
                SurveyQuestionType.SingleChoice or SurveyQuestionType.MultipleChoice => Choice(index, question, given, demographics, categories),
                SurveyQuestionType.RatingScale => Rating(index, question, given, demographics, categories),
                _ => new QuestionResult(index, question.Type, question.Text, given.Count, null, null, null,
                    OpenTextThemes.Find(given.Select(answer => (answer.PersonaId, answer.Answer.Text ?? string.Empty)).ToList(), question.Text, maxThemes)),
            };
        }).ToList();
        return new SurveyResults(answers.Select(answer => answer.PersonaId).Distinct().Count(), results);
    }

    /// <summary>The known audience categories first, in their usual order, then any other the personas carry.</summary>
    public static IReadOnlyList<string> Categories(IEnumerable<IReadOnlyDictionary<string, string>> demographics)
    {
        var present = demographics.SelectMany(values => values.Keys).ToHashSet(StringComparer.Ordinal);
        return [.. AudienceCategories.All.Where(present.Contains), .. present.Where(category => !AudienceCategories.IsKnown(category)).Order(StringComparer.Ordinal)];
    }

    private static QuestionResult Choice(int index, SurveyQuestion question, List<RespondentAnswer> given,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string>> demographics, IReadOnlyList<string> categories)
    {
        var counts = Count(given, question.Options.Count, answer => answer.OptionIndexes ?? []);
        var options = question.Options.Select((option, position) => new OptionCount(position, option, counts[position], Share(counts[position], given.Count))).ToList();
        var crossTabs = categories.Select(category => CrossTabulate(category, question.Options, given, demographics,
            answer => answer.OptionIndexes ?? [], mean: null)).ToList();
        return new QuestionResult(index, question.Type, question.Text, given.Count, options, null, crossTabs, null);
    }

    private static QuestionResult Rating(int index, SurveyQuestion question, List<RespondentAnswer> given,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string>> demographics, IReadOnlyList<string> categories)
    {
        var minimum = question.Minimum ?? 0;
        var maximum = question.Maximum ?? minimum;
        var points = maximum - minimum + 1;
        IReadOnlyList<int> Point(SurveyAnswer answer) => answer.Rating is { } rating ? [rating - minimum] : [];
        var ratings = given.Where(answer => answer.Answer.Rating is not null).Select(answer => answer.Answer.Rating!.Value).ToList();
        var counts = Count(given, points, Point);
        var distribution = Enumerable.Range(0, points).Select(offset =>
        {
            var value = minimum + offset;
            var label = value == minimum ? question.MinimumLabel : value == maximum ? question.MaximumLabel : null;
            return new PointCount(value, label, counts[offset], Share(counts[offset], given.Count));
        }).ToList();
        var summary = new RatingSummary(minimum, maximum, Descriptive.Mean(ratings), Descriptive.Median(ratings), Descriptive.StandardDeviation(ratings), distribution);
        var columns = Enumerable.Range(minimum, points).Select(value => value.ToString(CultureInfo.InvariantCulture)).ToList();
        var crossTabs = categories.Select(category => CrossTabulate(category, columns, given, demographics, Point,
            mean: rows => Descriptive.Mean(rows.Where(row => row.Answer.Rating is not null).Select(row => row.Answer.Rating!.Value).ToList()))).ToList();
        return new QuestionResult(index, question.Type, question.Text, given.Count, null, summary, crossTabs, null);
    }

    private static CrossTab CrossTabulate(string category, IReadOnlyList<string> columns, List<RespondentAnswer> given,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string>> demographics, Func<SurveyAnswer, IReadOnlyList<int>> cells,
        Func<List<RespondentAnswer>, double?>? mean)
    {
        string ValueOf(Guid personaId) =>
            demographics.TryGetValue(personaId, out var values) && values.TryGetValue(category, out var value) && !string.IsNullOrWhiteSpace(value) ? value : NotStated;

        var rows = given.GroupBy(answer => ValueOf(answer.PersonaId), StringComparer.Ordinal)
            .Select(group =>
            {
                var members = group.ToList();
                var counts = Count(members, columns.Count, cells);
                return new CrossTabRow(group.Key, members.Count, counts, counts.Select(count => Share(count, members.Count)).ToList(), mean?.Invoke(members));
            })
            .OrderBy(row => row.Value == NotStated)
            .ThenBy(row => row.Value, StringComparer.Ordinal)
            .ToList();
        return new CrossTab(category, columns, rows);
    }

    private static int[] Count(IEnumerable<RespondentAnswer> answers, int columns, Func<SurveyAnswer, IReadOnlyList<int>> cells)
    {
        var counts = new int[columns];
        foreach (var cell in answers.SelectMany(answer => cells(answer.Answer)).Where(cell => cell >= 0 && cell < columns))
        {
            counts[cell]++;
        }

        return counts;
    }

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
}
