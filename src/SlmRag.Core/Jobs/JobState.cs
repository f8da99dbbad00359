namespace SlmRag.Core.Jobs;

public enum JobState
{
    Queued,
    Running,
    Completed,
}
