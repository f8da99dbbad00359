namespace SlmRag.Answers.Tests;

/// <summary>What a question asks for, read from its form.</summary>
public sealed class QuestionFormTests
{
    [Theory]
    [InlineData("How much is one swim for an adult?", "Money")]
    [InlineData("How much does the annual pass cost?", "Money")]
    [InlineData("What does a business parking permit cost me?", "Money")]
    [InlineData("What is the daily late fee for an overdue item?", "Money")]
    [InlineData("What is the price of a visitor pass?", "Money")]
    [InlineData("How much annual leave do I get?", "Number")]
    [InlineData("How much does the parcel weigh?", "Number")]
    [InlineData("Which costs are covered by the insurance?", "Other")]
    [InlineData("How long can I borrow a DVD?", "Duration")]
    [InlineData("How long does a building permit stay valid?", "Duration")]
    [InlineData("For how long is the data kept?", "Duration")]
    [InlineData("How many days do parents have to register a baby?", "Duration")]
    [InlineData("How long must passwords be?", "Number")]
    [InlineData("How long is the cable?", "Number")]
    [InlineData("How many items can I borrow?", "Number")]
    [InlineData("When is the fee due?", "Date")]
    [InlineData("Who sets the fee?", "Name")]
    public void The_form_says_what_kind_of_answer_is_asked_for(string question, string kind) =>
        Assert.Equal(kind, QuestionForm.Of(question).Kind.ToString());

    [Theory]
    [InlineData("I'm 40 and paying for myself. How much does one physiotherapy session cost?", "Money", "40 pai")]
    [InlineData("My company is registered outside Elverholm. Who issues a business permit?", "Name", "compani elverholm regist")]
    [InlineData("How much does one physiotherapy session cost? I'm 40.", "Money", "")]
    [InlineData("Who issues a business permit for my company?", "Name", "")]
    public void Statements_before_the_question_sentence_set_the_scene_and_the_question_sentence_says_what_is_asked(string question, string kind, string preambleTerms)
    {
        var form = QuestionForm.Of(question);

        Assert.Equal(kind, form.Kind.ToString());
        Assert.Equal(preambleTerms, string.Join(' ', form.PreambleTerms.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_contractions_tail_is_no_term()
    {
        var terms = QuestionForm.Of("I'm flying at 8 o'clock and we're late. Where'd the bus stop?").Terms;

        Assert.DoesNotContain("m", terms);
        Assert.DoesNotContain("o", terms);
        Assert.DoesNotContain("re", terms);
        Assert.DoesNotContain("d", terms);
        Assert.Contains("clock", terms);
        Assert.Contains("bu", terms);
    }

    [Fact]
    public void Numbers_of_the_askers_situation_are_not_asked_for()
    {
        var form = QuestionForm.Of("I'm 67 and my flight is at 6:30. Can I use the 05:15 bus?");

        Assert.NotEmpty(form.NumberKeys);
        Assert.Equal(QuestionForm.Of("Can I use the 05:15 bus?").NumberKeys, form.NumberKeys);
    }

    [Theory]
    [InlineData("Can I catch a bus on a Tuesday morning in March?", "")]
    [InlineData("Is the Harbour Line running on Sundays?", "harbour line")]
    public void A_day_or_month_is_no_name_the_sources_must_mention(string question, string named) =>
        Assert.Equal(named, string.Join(' ', QuestionForm.Of(question).NamedTerms.Order(StringComparer.Ordinal)));

    [Theory]
    [InlineData("Adult single ticket ........ EUR 4.50", true)]
    [InlineData("Membership is free for residents.", true)]
    [InlineData("The outdoor pool is 50 metres long.", false)]
    public void A_sum_of_money_answers_a_price_question(string text, bool fits) =>
        Assert.Equal(fits, KindWords.Money(text));

    [Theory]
    [InlineData("DVDs and Blu-ray discs: 1 week.", true)]
    [InlineData("Book a pickup at least 10 working days ahead.", true)]
    [InlineData("Members may borrow up to 30 items at a time.", false)]
    public void A_number_with_a_unit_of_time_answers_how_long(string text, bool fits) =>
        Assert.Equal(fits, KindWords.Duration().IsMatch(text));
}
