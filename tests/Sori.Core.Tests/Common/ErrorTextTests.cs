using Sori.Core.Common;

namespace Sori.Core.Tests.Common;

public class ErrorTextTests
{
    [Fact]
    public void Interpolated_KeepsTheTemplateAndTheValuesApart()
    {
        var max = 200;
        ErrorText text = $"must be at most {max} characters.";

        Assert.Equal("must be at most {0} characters.", text.Template);
        Assert.Equal([200], text.Args);
        Assert.Equal("must be at most 200 characters.", text.Text);
        Assert.Equal("200자 이하여야 합니다.", text.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}자 이하여야 합니다."));
    }

    [Fact]
    public void Literal_IsItsOwnTemplate_WithBracesEscaped()
    {
        ErrorText plain = "must name at least one event, or \"*\" for all.";
        ErrorText braces = "uses {name}.";

        Assert.Equal(plain.Text, plain.Template);
        Assert.Empty(plain.Args);
        Assert.Equal("uses {{name}}.", braces.Template);
        Assert.Equal("uses {name}.", braces.Text);
    }

    [Fact]
    public void InterpolatedBracesAndFormats_RoundTrip()
    {
        var name = "customer.name";
        var score = 5.25;
        ErrorText text = $"unknown placeholder {{{{{name}}}}} scored {score:0.#}.";

        Assert.Equal("unknown placeholder {{{{{0}}}}} scored {1:0.#}.", text.Template);
        Assert.Equal("unknown placeholder {{customer.name}} scored 5.3.", text.Text);
    }

    [Fact]
    public void Validator_PassesTheTemplatesThrough_TheApiKeepsTheEnglish()
    {
        var id = 42;
        var e = Assert.Throws<ValidationException>(() => new Validator()
            .Required("name", null, 10)
            .Text("subject", new string('x', 11), 10)
            .When(true, "assigneeId", $"Agent {id} does not exist or is inactive.")
            .ThrowIfInvalid());

        Assert.Equal("is required.", e.Messages["name"][0].Template);
        Assert.Equal("must be at most {0} characters.", e.Messages["subject"][0].Template);
        Assert.Equal("Agent {0} does not exist or is inactive.", e.Messages["assigneeId"][0].Template);
        Assert.Equal(["Agent 42 does not exist or is inactive."], e.Errors["assigneeId"]);
        Assert.Equal(["must be at most 10 characters."], e.Errors["subject"]);
    }

    [Fact]
    public void ReturnedOrAssigned_StillATemplate()
    {
        static ErrorText? Refusal(int n)
        {
            if (n > 0) return null;
            return $"Ticket {n} is closed.";
        }
        ErrorText? assigned = null;
        assigned ??= $"Ticket {3} is closed and cannot be merged.";

        Assert.Null(Refusal(1));
        Assert.Equal("Ticket {0} is closed.", Refusal(0)!.Template);
        Assert.Equal("Ticket {0} is closed and cannot be merged.", assigned.Template);
        string? none = null;
        Assert.Null((ErrorText?)none);
    }

    [Fact]
    public void Exceptions_CarryTheirText()
    {
        var conflict = new ConflictException($"Ticket {7} is closed.");
        Assert.Equal("Ticket 7 is closed.", conflict.Message);
        Assert.Equal("Ticket {0} is closed.", conflict.Text.Template);
        var fromStrings = new ValidationException(new Dictionary<string, string[]> { ["password"] = ["Passwords must be at least 10 characters."] });
        Assert.Equal("Passwords must be at least 10 characters.", fromStrings.Messages["password"][0].Text);
    }
}
