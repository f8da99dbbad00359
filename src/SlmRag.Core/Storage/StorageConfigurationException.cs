namespace SlmRag.Core.Storage;

/// <summary>The configured store cannot be used as it is (wrong schema version, unreadable data directory); the message says what to change.</summary>
public sealed class StorageConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
