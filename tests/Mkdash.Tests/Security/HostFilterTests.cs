using System.Net;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

/// <summary>DNS rebinding: a request that names some other site as its Host is refused.</summary>
public sealed class HostFilterTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static async Task<HttpResponseMessage> GetAs(DashboardFactory factory, string host, string path = "/api/status")
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:8787")]
    [InlineData("LOCALHOST.")]
    [InlineData("127.0.0.1:8787")]
    [InlineData("[::1]:8787")]
    [InlineData("10.20.30.40")]
    [InlineData("dash.lab.example:9000")]
    public async Task NamesOfThisDashboard_AreServed(string host)
    {
        using var factory = new DashboardFactory(temp, new() { ["allowed-host"] = "dash.lab.example" });

        var response = await GetAs(factory, host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ThisMachinesName_IsServed()
    {
        using var factory = new DashboardFactory(temp);

        var response = await GetAs(factory, Environment.MachineName + ":8787");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example", "/api/status")]
    [InlineData("localhost.attacker.example", "/api/events")]
    [InlineData("127.0.0.1.nip.io", "/")]
    public async Task AnyOtherName_IsRefusedWithTheOptionThatAllowsIt(string host, string path)
    {
        using var factory = new DashboardFactory(temp);

        var response = await GetAs(factory, host, path);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains("--allowed-host " + host, error.GetString());
    }

    public void Dispose() => temp.Dispose();
}
