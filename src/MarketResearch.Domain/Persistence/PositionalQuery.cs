using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketResearch.Domain.Persistence;

/// <summary>Hand-written SQL on the context's pooled connection, for the hot statements where EF's model mapping costs.</summary>
public static class PositionalQuery
{
    /// <summary>One round trip on the context's pooled connection, read by column position (no change tracking, no model mapping).</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        this ResearchDbContext db, string sql, Action<NpgsqlCommand> parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            parameters(command);
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
