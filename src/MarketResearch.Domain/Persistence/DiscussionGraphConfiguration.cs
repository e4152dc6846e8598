using MarketResearch.Domain.DiscussionGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class GraphNodeConfiguration : IEntityTypeConfiguration<GraphNodeRow>
{
    public void Configure(EntityTypeBuilder<GraphNodeRow> node)
    {
        node.ToTable("graph_nodes");
        node.HasKey(row => new { row.FocusGroupId, row.NodeId });
        node.Property(row => row.NodeId).HasMaxLength(300);
        node.Property(row => row.Kind).HasMaxLength(20);
        node.Property(row => row.Label).HasMaxLength(300);
        node.Property(row => row.Properties).HasColumnType("jsonb").HasConversion(new JsonValueConverter<Dictionary<string, string>>(), JsonValueConverter<Dictionary<string, string>>.Comparer);
    }
}

internal sealed class GraphEdgeConfiguration : IEntityTypeConfiguration<GraphEdgeRow>
{
    public void Configure(EntityTypeBuilder<GraphEdgeRow> edge)
    {
        edge.ToTable("graph_edges");
        edge.HasKey(row => new { row.FocusGroupId, row.Source, row.Target, row.Kind });
        edge.Property(row => row.Source).HasMaxLength(300);
        edge.Property(row => row.Target).HasMaxLength(300);
        edge.Property(row => row.Kind).HasMaxLength(20);
    }
}
