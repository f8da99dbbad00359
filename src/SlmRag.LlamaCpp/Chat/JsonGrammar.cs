namespace SlmRag.LlamaCpp.Chat;

/// <summary>A GBNF grammar (llama.cpp's grammar format) accepting one JSON object, for <c>ChatResponseFormat.Json</c>.</summary>
internal static class JsonGrammar
{
    public const string Root = "root";

    // Written for SlmRag: whitespace is bounded so a random or confused model cannot pad forever.
    public const string Object = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws
        object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
        array  ::= "[" ws ( value ("," ws value)* )? "]" ws
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4}) )* "\"" ws
        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,3})? ws
        ws     ::= [ \t\n]{0,8}
        """;
}
