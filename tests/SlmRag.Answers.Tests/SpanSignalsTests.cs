using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Tests;

/// <summary>The signals one unit gives as an answer to a question.</summary>
public sealed class SpanSignalsTests
{
    [Theory]
    [InlineData("Who is the data protection officer?", "The Data Protection Officer is Ingrid Bakker.", "Owner: Legal and the Data Protection Officer.")]
    [InlineData("What was the final form of the language?", "The final form of the language was Modern English.", "Scholars still debate the final form of the language.")]
    public void A_sentence_stating_the_inverted_question_in_declarative_order_aligns_better(string question, string stating, string mentioning)
    {
        var units = Analyze($"{mentioning}\n{stating}");
        var form = QuestionForm.Of(question);
        var weights = form.Terms.Distinct().ToDictionary(t => t, _ => 1.0);
        SpanSignals Of(string text) => SpanSignals.Of(form, units.Single(u => u.Text == text), new HashSet<string>(), weights, new HashSet<string>());

        Assert.True(Of(stating).Alignment > Of(mentioning).Alignment, $"{Of(stating).Alignment} <= {Of(mentioning).Alignment}");
        Assert.True(Of(stating).Score > Of(mentioning).Score);
    }

    [Fact]
    public void Word_order_tells_fled_to_from_fled_from_and_can_be_switched_off()
    {
        var units = Analyze("The Normans fled to Sicily. The Normans fled from Sicily.");
        var form = QuestionForm.Of("Who fled to Sicily?");
        var weights = form.Terms.Distinct().ToDictionary(t => t, _ => 1.0);

        Assert.Equal(1, SpanSignals.Of(form, units[0], new HashSet<string>(), weights, new HashSet<string>()).Alignment);
        Assert.Equal(0, SpanSignals.Of(form, units[1], new HashSet<string>(), weights, new HashSet<string>()).Alignment);
        Assert.Equal(0, SpanSignals.Of(form, units[0], new HashSet<string>(), weights, new HashSet<string>(["alignment"])).Alignment);
    }

    [Fact]
    public void A_dot_leader_entry_is_placed_by_its_title_more_than_a_sentence_is()
    {
        var text = "The Registry Office records births and deaths.\n\nMonday ........ 08:00 - 12:00\nWednesday ........ closed";
        var chunk = new Chunk("c1", "d1", "c", 0, "Registry Office", ["Opening hours"], null, null, 0, text.Length, 10, Guid.NewGuid().ToString("N"), text);
        var analysis = ChunkAnalysis.Of(chunk);
        var form = QuestionForm.Of("Can I visit the registry office on a Wednesday?");
        var weights = form.Terms.Distinct().ToDictionary(t => t, _ => 1.0);
        SpanSignals Of(string start) => SpanSignals.Of(form, analysis.Sentences.Single(u => u.Text.StartsWith(start, StringComparison.Ordinal)), analysis.Context, weights, new HashSet<string>());

        Assert.True(Of("Wednesday").Coverage > Of("The Registry").Coverage, $"{Of("Wednesday").Coverage} <= {Of("The Registry").Coverage}");
        Assert.True(Of("Wednesday").Score > Of("Monday").Score);
    }

    [Fact]
    public void A_short_dot_leader_entry_is_a_unit_not_a_heading_of_the_next()
    {
        var units = Analyze("Tuesday ........ 08:00 - 18:00\nWednesday ........ closed\nThursday ........ 08:00 - 16:00");

        Assert.Equal(3, units.Count);
        Assert.DoesNotContain("wednesday", units[2].Terms);
        Assert.Empty(units[2].Heading);
    }

    [Fact]
    public void A_sentence_opening_with_a_pronoun_is_about_what_the_sentence_before_it_named()
    {
        var units = Analyze("The oral glucose tolerance test is available by appointment only. It takes about two hours.");
        var form = QuestionForm.Of("How long does the oral glucose tolerance test take?");
        var weights = form.Terms.Distinct().ToDictionary(t => t, _ => 1.0);

        var scores = units.Select(u => SpanSignals.Of(form, u, new HashSet<string>(), weights, new HashSet<string>()).Score).ToList();

        Assert.True(scores[1] > scores[0], $"{scores[1]} <= {scores[0]}");
    }

    [Theory]
    [InlineData("Where are children's blood samples taken?", "Children's blood tests ........ Monday to Friday, 08:30 - 11:30", 0)]
    [InlineData("Where are children's blood samples taken?", "Children are seen in Paediatrics, Room 1.14.", 1)]
    [InlineData("Who runs the Saturday ceremonies?", "Most ceremonies are held in March and June.", 0)]
    public void A_day_or_month_is_not_a_name_or_a_place(string question, string text, double fits)
    {
        var form = QuestionForm.Of(question);
        var unit = Analyze(text).Single();

        Assert.Equal(fits, SpanSignals.Of(form, unit, new HashSet<string>(), form.Terms.Distinct().ToDictionary(t => t, _ => 1.0), new HashSet<string>()).Fits);
    }

    private static List<AnalyzedSentence> Analyze(string text)
    {
        var chunk = new Chunk("c1", "d1", "c", 0, "Report", [], null, null, 0, text.Length, 10, Guid.NewGuid().ToString("N"), text);
        return [.. ChunkAnalysis.Of(chunk).Sentences];
    }
}
