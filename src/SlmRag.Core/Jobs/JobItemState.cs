namespace SlmRag.Core.Jobs;

public enum JobItemState
{
    Pending,
    Running,
    Succeeded,
    Unchanged,
    Failed,
}
