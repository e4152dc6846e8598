using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("surveys");
        builder.HasKey(survey => survey.Id);
        builder.Property(survey => survey.Name).HasMaxLength(SurveyDraftValidator.MaxNameLength).IsRequired();
        builder.Property(survey => survey.Questions).HasColumnType("jsonb")
            .HasConversion(new JsonValueConverter<List<SurveyQuestion>>(), JsonValueConverter<List<SurveyQuestion>>.Comparer);
        builder.Property(survey => survey.Status).HasConversion<string>().HasMaxLength(16);
        // A project's surveys are listed newest first.
        builder.HasIndex(survey => new { survey.ProjectId, survey.CreatedAt, survey.Id });
        builder.HasOne<Project>().WithMany().HasForeignKey(survey => survey.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("survey_responses");
        builder.HasKey(response => response.Id);
        builder.Property(response => response.Id).UseIdentityAlwaysColumn();
        builder.Ignore(response => response.Answer);
        builder.Property(response => response.Text).HasMaxLength(SurveyAnswerReader.MaxTextLength);
        // One answer per persona and question in a run; a re-executed run replaces its rows.
        builder.HasIndex(response => new { response.JobId, response.PersonaId, response.QuestionIndex }).IsUnique();
        // Results read one run of one survey.
        builder.HasIndex(response => new { response.SurveyId, response.JobId });
        builder.HasIndex(response => response.PersonaId);
        builder.HasOne<Survey>().WithMany().HasForeignKey(response => response.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Job>().WithMany().HasForeignKey(response => response.JobId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Persona>().WithMany().HasForeignKey(response => response.PersonaId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(table => table.HasCheckConstraint("ck_survey_responses_one_answer",
            "num_nonnulls(option_indexes, rating, text) = 1"));
    }
}
