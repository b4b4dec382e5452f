using System.Net;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

public sealed class BindingTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task TheDefaultHost_ListensOnBoth127001AndIpv6Loopback()
    {
        var port = LiveDashboard.FreePort();
        await using var dashboard = await LiveDashboard.StartOnPortAsync(temp, port);
        using var v4 = Loopback.Client($"http://127.0.0.1:{port}/");
        using var v6 = new HttpClient { BaseAddress = new Uri($"http://[::1]:{port}/") };

        var overV4 = await v4.GetAsync("/api/status");
        var overV6 = await v6.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, overV4.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overV6.StatusCode);
    }

    public void Dispose() => temp.Dispose();
}
