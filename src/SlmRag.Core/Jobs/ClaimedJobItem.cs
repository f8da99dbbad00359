namespace SlmRag.Core.Jobs;

/// <summary>An item leased to one worker; the password and the uploader's access are only ever handed out here.</summary>
/// <param name="Uploader">What the uploader could read when it queued the item: the documents of the key it may replace.</param>
public sealed record ClaimedJobItem(JobItem Item, string Collection, string? Password, DateTimeOffset LeaseExpiresAt, UploaderAccess Uploader);
