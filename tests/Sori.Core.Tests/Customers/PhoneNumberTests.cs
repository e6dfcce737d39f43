using Sori.Core.Customers;

namespace Sori.Core.Tests.Customers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("010-1234-5678")]
    [InlineData("01012345678")]
    [InlineData("+82 10 1234 5678")]
    [InlineData("+82-10-1234-5678")]
    [InlineData("+82 010 1234 5678")]
    [InlineData("+82 (0)10-1234-5678")]
    [InlineData("(010) 1234-5678")]
    [InlineData("010.1234.5678")]
    [InlineData(" 010 1234 5678 ")]
    [InlineData("82-10-1234-5678")]
    [InlineData("０１０ １２３４ ５６７８")] // full-width digits
    public void Key_KoreanMobileWrittenAnyWay_IsOneE164Number(string written) => Assert.Equal("+821012345678", PhoneNumber.Key(written));

    [Theory]
    [InlineData("02-123-4567", "+8221234567")]
    [InlineData("031-123-4567", "+82311234567")]
    [InlineData("070-1234-5678", "+827012345678")]
    [InlineData("1588-1234", "+8215881234")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Key_LandlinesServiceAndForeignNumbers(string written, string key) => Assert.Equal(key, PhoneNumber.Key(written));

    [Theory]
    [InlineData("123-4567", "1234567")]           // a local number without its area code: digits only
    [InlineData("001-1-415-555-0100", "00114155550100")] // dialled out through a carrier prefix: the country is unclear
    [InlineData("0101234", "0101234")]            // too short for a Korean number
    [InlineData("+0 123 4567", "01234567")]       // no country code starts with 0
    [InlineData("내선 없음", "내선 없음")]             // nothing to read as a number: the text itself
    public void Key_WhatIsNotAFullNumber_FallsBackToItsDigits(string written, string key) => Assert.Equal(key, PhoneNumber.Key(written));

    [Fact]
    public void ToE164_IsNullUnlessTheNumberIsComplete()
    {
        Assert.Null(PhoneNumber.ToE164("1234-5678"));
        Assert.Null(PhoneNumber.ToE164(""));
        Assert.Null(PhoneNumber.ToE164(null));
        Assert.Equal("+821012345678", PhoneNumber.ToE164("010-1234-5678"));
    }

    [Theory]
    [InlineData("010-1234", "101234")]     // the trunk 0 is not in stored keys
    [InlineData("1234-5678", "12345678")]
    [InlineData("+82 10 1234", "82101234")]
    [InlineData("5678", "5678")]
    [InlineData("567", null)]              // too short to mean a number
    [InlineData("김민지", null)]
    [InlineData("minji@example.kr", null)]
    [InlineData("1+2", null)]
    public void SearchDigits_PartOfANumber(string query, string? digits) => Assert.Equal(digits, PhoneNumber.SearchDigits(query));

    [Theory]
    [InlineData("010-1234-5678", true)]
    [InlineData("+82 (0)10 1234 5678", true)]
    [InlineData("010.1234.5678", true)]
    [InlineData("--", false)]
    [InlineData("+", false)]
    [InlineData("010-1234-5678 ext 9", false)]
    [InlineData("<b>010</b>", false)]
    public void LooksLikePhone(string text, bool expected) => Assert.Equal(expected, PhoneNumber.LooksLikePhone(text));
}
