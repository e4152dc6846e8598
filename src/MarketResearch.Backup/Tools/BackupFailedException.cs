namespace MarketResearch.Backup.Tools;

/// <summary>A step failed for a reason an operator can act on; the message says which step and why.</summary>
public sealed class BackupFailedException(string message, Exception? inner = null) : Exception(message, inner);
