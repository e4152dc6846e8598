using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Commands;
using MarketResearch.Backup.Postgres;
using MarketResearch.Backup.Redis;
using MarketResearch.Backup.Verification;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup;

/// <summary>The CLI as a library: Program.cs calls it, and so does the drill test with the stack's connection strings.</summary>
public static class BackupCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!BackupCommandLine.TryParse(args, out var command, out var error))
        {
            await Console.Error.WriteLineAsync($"{error} `backup --help` shows the commands.");
            return ExitCodes.Usage;
        }

        if (command.Verb == BackupVerb.Help)
        {
            await output.WriteLineAsync(BackupCommandLine.Usage);
            return ExitCodes.Success;
        }

        using var host = Build(command);
        try
        {
            // Validates every option (ValidateOnStart) before any tool runs.
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"Configuration is not valid: {string.Join(" ", exception.Failures)}");
            return ExitCodes.Usage;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var exitCode = await host.Services.GetRequiredService<BackupCommands>().ExecuteAsync(command, output, stopping.Token);
        await host.StopAsync(CancellationToken.None);
        return exitCode;
    }

    private static IHost Build(BackupCommandLine command)
    {
        // No appsettings.json: a scheduled job is configured by its environment (Backup__Directory) or arguments.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine([.. command.ConfigurationArguments]);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Start-up failures are invalid options, which RunAsync reports in one sentence instead of a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        // Logs go to standard error so `backup list` output can be piped.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
            console.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddBackup();
        return builder.Build();
    }

    private static void AddBackup(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BackupSources>()
            .Configure<IConfiguration>(BackupSources.Bind)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupSources>, BackupSourcesValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new PostgresEndpoint(provider.GetRequiredService<IOptions<BackupSources>>().Value.Database!));
        services.AddSingleton<BackupCatalog>();
        services.AddSingleton<PostgresTools>();
        services.AddSingleton<DatabaseAdmin>();
        services.AddSingleton<PostgresDump>();
        services.AddSingleton<PostgresRestore>();
        services.AddSingleton<RedisSnapshot>();
        services.AddSingleton<BackupVerifier>();
        services.AddSingleton<BackupPruning>();
        services.AddSingleton<BackupRun>();
        services.AddSingleton<BackupRestore>();
        services.AddSingleton<BackupCommands>();
    }
}
