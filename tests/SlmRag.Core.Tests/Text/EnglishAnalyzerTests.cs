using SlmRag.Core.Text;

namespace SlmRag.Core.Tests.Text;

public sealed class EnglishAnalyzerTests
{
    [Fact]
    public void Words_are_lower_cased_stemmed_and_stop_words_dropped() =>
        Assert.Equal(["employe", "carri", "unus", "dai"], EnglishAnalyzer.Terms("The employees carried over their UNUSED days."));

    [Fact]
    public void Diacritics_fold_so_accented_and_plain_spellings_match()
    {
        Assert.Equal(EnglishAnalyzer.Terms("cafe naive resume"), EnglishAnalyzer.Terms("Café naïve résumé"));
        Assert.Equal(EnglishAnalyzer.Terms("Kraków office"), EnglishAnalyzer.Terms("krakow OFFICE"));
    }

    [Fact]
    public void Unicode_words_of_any_script_are_kept()
    {
        Assert.Equal(["東京", "привет", "мир"], EnglishAnalyzer.Terms("東京, привет мир!"));
        Assert.Equal(["e", "mail", "2026", "11", "22"], EnglishAnalyzer.Terms("e-mail 2026-11-22"));
    }

    [Fact]
    public void Only_punctuation_and_stop_words_give_no_terms() => Assert.Empty(EnglishAnalyzer.Terms("... and the of it!"));
}
