using MarketResearch.Backup;

return await BackupCli.RunAsync(args, Console.Out);
