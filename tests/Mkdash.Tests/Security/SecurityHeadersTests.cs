using System.Net;
using Mkdash.Security;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/js/main.js", HttpStatusCode.OK)]
    [InlineData("/api/status", HttpStatusCode.OK)]
    [InlineData("/no-such-file.js", HttpStatusCode.NotFound)]
    public async Task EveryAnswer_CarriesTheStrictPolicyAndNoSniffing(string path, HttpStatusCode expected)
    {
        temp.SampleRoot();
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/status?root=../../etc")]
    [InlineData("/api/nothing-here")]
    public async Task ApiAnswers_AreNeverCached(string path)
    {
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    public void Dispose() => temp.Dispose();
}
