namespace SlmRag.Core.Jobs;

public static class JobItemStates
{
    public static bool IsTerminal(this JobItemState state) =>
        state is JobItemState.Succeeded or JobItemState.Unchanged or JobItemState.Failed;
}
