using MarketResearch.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketResearch.Domain.Persistence;

internal sealed class ResearchUserConfiguration : IEntityTypeConfiguration<ResearchUser>
{
    public const int MaxDisplayNameLength = 100;

    public void Configure(EntityTypeBuilder<ResearchUser> builder) =>
        builder.Property(user => user.DisplayName).HasMaxLength(MaxDisplayNameLength).IsRequired();
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(token => token.Id);
        builder.HasIndex(token => token.TokenHash).IsUnique();
        builder.HasIndex(token => token.FamilyId);
        builder.HasOne<ResearchUser>().WithMany().HasForeignKey(token => token.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("recovery_codes");
        builder.HasKey(code => code.Id);
        builder.HasIndex(code => code.UserId);
        builder.HasOne<ResearchUser>().WithMany().HasForeignKey(code => code.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("security_events");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Type).HasMaxLength(64).IsRequired();
        builder.Property(entry => entry.IpAddress).HasMaxLength(64);
        builder.Property(entry => entry.UserAgent).HasMaxLength(512);
        builder.Property(entry => entry.Detail).HasMaxLength(1000);
        // A user's trail is read newest first.
        builder.HasIndex(entry => new { entry.UserId, entry.OccurredAt });
        builder.HasOne<ResearchUser>().WithMany().HasForeignKey(entry => entry.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
