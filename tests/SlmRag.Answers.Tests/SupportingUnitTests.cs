using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;

namespace SlmRag.Answers.Tests;

/// <summary>The short unit quoted after the answer supports it: from another document only when it is about the question too.</summary>
public sealed class SupportingUnitTests
{
    private const string Question = "How long do you keep a lost umbrella found on a bus?";
    private const string Answer = "A lost umbrella is kept for three months.";
    private const string Elsewhere = "Anything found on a bus is logged within ten minutes.";

    [Fact]
    public void A_unit_of_another_document_far_from_the_question_in_meaning_is_not_quoted_as_support()
    {
        var semantic = new SemanticMatch(new Dictionary<string, double> { [Answer] = 0.50, [Elsewhere] = 0.30 });

        var (text, citations) = ExtractiveAnswerer.Answer(Question, Question, Sources(), new AnswerOptions(), semantic);

        Assert.StartsWith(Answer, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Elsewhere, text, StringComparison.Ordinal);
        Assert.Single(citations);
    }

    [Fact]
    public void A_unit_of_another_document_close_in_meaning_still_supports_the_answer()
    {
        var semantic = new SemanticMatch(new Dictionary<string, double> { [Answer] = 0.50, [Elsewhere] = 0.45 });

        var (text, citations) = ExtractiveAnswerer.Answer(Question, Question, Sources(), new AnswerOptions(), semantic);

        Assert.StartsWith(Answer, text, StringComparison.Ordinal);
        Assert.Contains(Elsewhere, text, StringComparison.Ordinal);
        Assert.Equal(2, citations.Count);
    }

    private static List<AnswerSource> Sources() => [Source(1, "lost", "Lost property", Answer), Source(2, "buses", "Bus services", Elsewhere)];

    private static AnswerSource Source(int number, string id, string title, string text)
    {
        var document = new DocumentRecord(id, "c", id + ".md", 1, "h", "p", title, SourceFormat.Markdown, id + ".md", text.Length, 1, text.Length, 1,
            DocumentMetadata.Empty, "j/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var chunk = new Chunk(id + "-0", id, "c", 0, title, [], null, null, 0, text.Length, 10, id + "-hash", text);
        return new AnswerSource(number, document, [chunk], 1.0 / number, 10);
    }
}
