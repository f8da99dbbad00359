namespace SlmRag.LlamaCpp.Chat;

/// <summary>Chat prompt formats SlmRag renders itself when llama.cpp's built-in templates do not recognise a model's Jinja template.</summary>
public enum ChatTemplateFamily
{
    /// <summary>&lt;|im_start|&gt;role … &lt;|im_end|&gt; (Qwen, SmolLM, many fine-tunes).</summary>
    ChatMl,

    /// <summary>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt; … &lt;|eot_id|&gt; (Llama 3).</summary>
    Llama3,

    /// <summary>&lt;start_of_turn&gt;user … &lt;end_of_turn&gt; (Gemma; system text joins the first user turn).</summary>
    Gemma,

    /// <summary>&lt;|user|&gt; … &lt;|end|&gt; (Phi-3).</summary>
    Phi3,

    /// <summary>[INST] … [/INST] (Mistral / Llama 2 instruct; system text joins the first user turn).</summary>
    MistralInstruct,

    /// <summary>&lt;|user|&gt; … &lt;/s&gt; (Zephyr).</summary>
    Zephyr,
}
