using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.Surveys;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Domain.Persistence;

/// <summary>The EF Core model of everything MarketResearch keeps in Postgres, its single source of truth.</summary>
public sealed class ResearchDbContext(DbContextOptions<ResearchDbContext> options)
    : IdentityDbContext<ResearchUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobEvent> JobEvents => Set<JobEvent>();
    public DbSet<Persona> Personas => Set<Persona>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<KnowledgeDocument> KnowledgeDocuments => Set<KnowledgeDocument>();
    public DbSet<KnowledgeDocumentContent> KnowledgeDocumentContents => Set<KnowledgeDocumentContent>();
    public DbSet<KnowledgeChunk> KnowledgeChunks => Set<KnowledgeChunk>();
    public DbSet<GraphNodeRow> GraphNodes => Set<GraphNodeRow>();
    public DbSet<GraphEdgeRow> GraphEdges => Set<GraphEdgeRow>();
    public DbSet<FocusGroup> FocusGroups => Set<FocusGroup>();
    public DbSet<FocusGroupTurn> FocusGroupTurns => Set<FocusGroupTurn>();
    public DbSet<FocusGroupInsight> FocusGroupInsights => Set<FocusGroupInsight>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ResearchDbContext).Assembly);
    }
}
