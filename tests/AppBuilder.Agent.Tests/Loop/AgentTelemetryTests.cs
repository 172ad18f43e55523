using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Testing;

namespace AppBuilder.Agent.Tests.Loop;

public sealed class AgentTelemetryTests
{
    [Fact]
    public async Task Run_RecordsActivitiesMetricsAndLogs()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "AppBuilder.Agent",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        var toolCalls = new ConcurrentQueue<(long Value, string? Tool)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AppBuilder.Agent")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "appbuilder.agent.tool_calls")
            {
                string? tool = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "tool")
                    {
                        tool = tag.Value as string;
                    }
                }

                toolCalls.Enqueue((value, tool));
            }
        });
        meterListener.Start();

        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "todos", new { todos = Array.Empty<object>() }),
            ScriptedResponse.FromText("ok"));
        var turnProject = AgentHarness.ProjectId;

        await agent.RunAsync("go");

        var names = activities.Select(a => a.OperationName).ToList();
        names.Should().Contain(["agent.turn", "agent.step", "agent.tool"]);
        activities.Should().Contain(a => a.OperationName == "agent.tool" && (string?)a.GetTagItem("gen_ai.tool.name") == "todos");
        activities.Should().Contain(a => a.OperationName == "agent.turn" && (string?)a.GetTagItem("appbuilder.project_id") == turnProject);
        toolCalls.Should().Contain((1, "todos"));
        agent.Logging.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Contain([3000, 3001, 3004]);
    }
}
