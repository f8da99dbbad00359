namespace SlmRag.Answers.Routing;

public enum RouteTarget
{
    Local,
    Frontier,
}
