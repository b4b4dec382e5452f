using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

public sealed class EventStreamTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TempWorkspace temp = new();

    private static async Task<EventStreamReader> Open(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/events" + query, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static int Total(Dictionary<string, string> snapshot) => JsonDocument.Parse(snapshot["data"]).RootElement
        .GetProperty("progress").GetProperty("value").GetProperty("total").GetInt32();

    [Fact]
    public async Task Events_SendTheSnapshotAtOnceAndAgainOnlyWhenAFileChanges()
    {
        var root = temp.SampleRoot();
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        using var events = await Open(client);

        var first = await events.NextAsync(Wait);
        var quiet = events.NextAsync(TimeSpan.FromSeconds(2.5));
        await Assert.ThrowsAsync<TimeoutException>(() => quiet);
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 1, "total": 9, "last_case": "amp_humanoid_args.txt"}""");
        var second = await events.NextAsync(Wait);

        Assert.Equal("snapshot", first["event"]);
        Assert.Equal(2, Total(first));
        Assert.Equal(9, Total(second));
        Assert.True(long.Parse(second["id"]) > long.Parse(first["id"]));
    }

    [Fact]
    public async Task Events_ForManyViewersOfOneRoot_ShareOneSnapshot()
    {
        var root = temp.SampleRoot();
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        var viewers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Open(client)));

        var firsts = await Task.WhenAll(viewers.Select(v => v.NextAsync(Wait)));
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 2, "total": 11, "last_case": "amp_humanoid_args.txt"}""");
        var seconds = await Task.WhenAll(viewers.Select(v => v.NextAsync(Wait)));

        // Same id and byte-identical data: built and serialized once for everyone.
        Assert.Single(seconds.Select(s => s["id"] + s["data"]).Distinct());
        Assert.All(seconds, s => Assert.Equal(11, Total(s)));
        Assert.All(firsts, f => Assert.Equal(2, Total(f)));
        foreach (var viewer in viewers)
        {
            viewer.Dispose();
        }
    }

    [Fact]
    public async Task Events_ForARefusedRoot_CarryTheMessage()
    {
        temp.SampleRoot();
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        using var events = await Open(client, "?root=/etc");

        var snapshot = JsonDocument.Parse((await events.NextAsync(Wait))["data"]).RootElement;

        Assert.Contains("outside", snapshot.GetProperty("root").GetProperty("error").GetString());
    }

    public void Dispose() => temp.Dispose();
}
