namespace SlmRag.LlamaCpp;

/// <summary>A token id of one model's vocabulary.</summary>
public readonly record struct LlamaToken(int Id)
{
    public override string ToString() => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
