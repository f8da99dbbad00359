namespace SlmRag.LlamaCpp.Tests;

public sealed class LlamaModelTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public void Loads_a_generated_model_and_reads_its_metadata()
    {
        SlmRag.Testing.RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(files.Chat);
        Assert.Equal("llama", model.Architecture);
        Assert.Equal(64, model.EmbeddingSize);
        Assert.Equal(2, model.LayerCount);
        Assert.Equal(1024, model.TrainedContextLength);
        Assert.Contains("<|im_start|>", model.ChatTemplate);
        Assert.True(model.ParameterCount > 0);
    }
}
