using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.LlamaCpp.Tests;

/// <summary>The random-weight GGUF files the tests load, written once per test run into a temporary folder.</summary>
public sealed class TinyModelFiles : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TinyModelFiles()
    {
        Chat = TinyModels.WriteChatModel(Path.Combine(_directory.Path, "tiny-chat.gguf"));
        ChatBpe = TinyModels.WriteChatModel(Path.Combine(_directory.Path, "chat-bpe.gguf"), TinyVocabulary.BytePairs());
        NoTemplate = TinyModels.WriteChatModel(Path.Combine(_directory.Path, "no-template.gguf"), chatTemplate: null);
        Lora = TinyModels.WriteLoraAdapter(Path.Combine(_directory.Path, "lora.gguf"));
        BertCls = TinyModels.WriteBertModel(Path.Combine(_directory.Path, "bert-cls.gguf"), pooling: 2);
        CausalMean = TinyModels.WriteChatModel(Path.Combine(_directory.Path, "causal-mean.gguf"), chatTemplate: null, seed: 5, pooling: 1);
        CausalLast = TinyModels.WriteChatModel(Path.Combine(_directory.Path, "causal-last.gguf"), chatTemplate: null, seed: 5, pooling: 3);
    }

    public string Directory => _directory.Path;

    public string Chat { get; }

    public string ChatBpe { get; }

    public string NoTemplate { get; }

    public string Lora { get; }

    public string BertCls { get; }

    public string CausalMean { get; }

    public string CausalLast { get; }

    public void Dispose() => _directory.Dispose();
}
