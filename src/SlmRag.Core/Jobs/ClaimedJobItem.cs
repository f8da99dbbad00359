namespace SlmRag.Core.Jobs;

/// <summary>An item leased to one worker; the password is only ever handed out here.</summary>
public sealed record ClaimedJobItem(JobItem Item, string Collection, string? Password, DateTimeOffset LeaseExpiresAt);
