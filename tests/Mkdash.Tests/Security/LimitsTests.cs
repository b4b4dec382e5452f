using System.Net;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

/// <summary>A flood from one client, or more streams than allowed, get a clear answer; others keep being served.</summary>
public sealed class LimitsTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task AFloodFromOneAddress_Gets429_WhileAnotherAddressIsServed()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--rate-limit", "5");
        using var flooder = Loopback.ClientFrom("127.0.0.1", dashboard.Url);
        using var neighbour = Loopback.ClientFrom("127.0.0.2", dashboard.Url);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await flooder.GetAsync("/api/status"));
        }

        var neighbours = await neighbour.GetAsync("/api/status");
        var refused = answers.First(answer => answer.StatusCode == HttpStatusCode.TooManyRequests);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = await flooder.GetAsync("/api/status");

        Assert.InRange(answers.Count(answer => answer.StatusCode == HttpStatusCode.OK), 10, 12);
        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("--rate-limit", error.GetString());
        Assert.Equal(HttpStatusCode.OK, neighbours.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task MoreStreamsThanAllowed_Get503UntilOneCloses()
    {
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--max-streams", "2");
        using var client = Loopback.Client(dashboard.Url);
        var first = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);

        var third = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        var status = await client.GetAsync("/api/status");
        first.Dispose();
        var afterOneClosed = await RetryAsync(() => client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        var error = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains("--max-streams", error.GetString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterOneClosed.StatusCode);
        afterOneClosed.Dispose();
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        // The server notices the closed stream within a moment, not at once.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }

    public void Dispose() => temp.Dispose();
}
