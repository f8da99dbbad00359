namespace SlmRag.Core.Collections;

public sealed class CollectionNotFoundException(string collection)
    : Exception($"There is no collection named '{collection}'.")
{
    public string Collection { get; } = collection;
}
