using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sori.Web.Api;

namespace Sori.Web.Tests.Api;

public sealed class ProblemMappingTests
{
    [Fact]
    public void BadJsonInTheRequestBody_Is400NamingTheField()
    {
        var problem = ProblemDetailsExceptionHandler.Map(new BadHttpRequestException("bad body",
            new JsonException("The JSON value could not be converted to System.String.", "$.requester.email", 1, 20)));
        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Equal(["has the wrong type."], validation.Errors["requester.email"]);
    }

    [Fact]
    public void JsonFailureOnTheServersOwnSide_IsNotBlamedOnTheCaller()
    {
        // E.g. serializing a response or a stored document failed: a server error, not a 400.
        Assert.Null(ProblemDetailsExceptionHandler.Map(new JsonException("A possible object cycle was detected.")));
    }
}
