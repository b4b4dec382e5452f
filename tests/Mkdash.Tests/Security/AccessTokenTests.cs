using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

/// <summary>Off loopback (or with --token) the API asks for the token; the page says how to give it.</summary>
public sealed class AccessTokenTests : IDisposable
{
    private const string Token = "test-token-5b1e9c";

    private readonly TempWorkspace temp = new();

    private string[] WorkspaceArgs() =>
    [
        "--workspace", temp.Workspace, "--log-dir", temp.LogDir, "--port", "0",
        "--nvml-library", "off", "--nvidia-smi", Path.Join(temp.Folder, "no-nvidia-smi"),
    ];

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task AllInterfaces_GenerateATokenPrintedInTheUrl_AndTheApiAsksForIt()
    {
        temp.SampleRoot();
        await using var server = await ServerProcess.StartAsync([.. WorkspaceArgs(), "--host", "0.0.0.0"]);
        var token = new Uri(server.Url).Query.Replace("?token=", "", StringComparison.Ordinal);
        using var client = Loopback.Client(server.Origin);

        var refused = await client.GetAsync("/api/status");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var allowed = await client.SendAsync(bearer);
        var page = await client.GetAsync("/");

        Assert.StartsWith("http://127.0.0.1:", server.Url);
        Assert.True(token.Length >= 32, server.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("access token", await ErrorOf(refused));
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("from other machines: http://", string.Join("\n", server.Output));
    }

    [Fact]
    public async Task TokenInTheUrl_BecomesAStrictHttpOnlyCookie_AndLeavesTheAddress()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--token", Token);
        using var client = Loopback.Client(dashboard.Url);
        var port = new Uri(dashboard.Url).Port;

        var redirect = await client.GetAsync($"/?root=case_x&token={Token}");
        var cookie = redirect.Headers.GetValues("Set-Cookie").Single();
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        var status = await client.SendAsync(withCookie);
        using var streamRequest = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        streamRequest.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var stream = await client.SendAsync(streamRequest, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/?root=case_x", redirect.Headers.Location?.OriginalString);
        Assert.StartsWith($"mkdash_token_{port}={Token};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("bearer")]
    [InlineData("cookie")]
    [InlineData("basic")]
    [InlineData("none")]
    public async Task AWrongOrMissingToken_IsRefusedWithAMessage(string how)
    {
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--token", Token);
        using var client = Loopback.Client(dashboard.Url);
        var port = new Uri(dashboard.Url).Port;
        using var request = new HttpRequestMessage(HttpMethod.Get, how == "query" ? "/api/status?token=nope" : "/api/status");
        switch (how)
        {
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
                break;
            case "cookie":
                request.Headers.Add("Cookie", $"mkdash_token_{port}={Token[..^1]}");
                break;
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Token);
                break;
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("token", await ErrorOf(response));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Loopback_WithoutATokenOption_AsksForNone()
    {
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        using var client = Loopback.Client(dashboard.Url);

        var response = await client.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoAuth_OnAllInterfaces_ServesWithoutAToken_AndWarns()
    {
        await using var server = await ServerProcess.StartAsync([.. WorkspaceArgs(), "--host", "0.0.0.0", "--no-auth"]);
        using var client = Loopback.Client(server.Origin);

        var response = await client.GetAsync("/api/status");

        Assert.DoesNotContain("token=", server.Url);
        Assert.Contains(server.Output, line => line.StartsWith("warning: --no-auth", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokenFromTheEnvironment_IsAskedEvenOnLoopback()
    {
        var env = new Dictionary<string, string> { ["MKDASH_TOKEN"] = Token };
        await using var server = await ServerProcess.StartAsync(WorkspaceArgs(), env);
        using var client = Loopback.Client(server.Origin);

        var refused = await client.GetAsync("/api/status");
        var allowed = await client.GetAsync($"/api/status?token={Token}");

        Assert.EndsWith($"/?token={Token}", server.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    public void Dispose() => temp.Dispose();
}
