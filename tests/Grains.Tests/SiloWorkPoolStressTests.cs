using ClipGeometry.Grains.Work;

namespace ClipGeometry.Grains.Tests;

/// <summary>
/// The silo's bounded work pool under load, with a watchdog (fail, never hang): many callers at once, some cancelled
/// while they wait for a slot or while they run, some whose work throws. Each ends exactly as its kind says, no more
/// than the capacity ever run at once, and afterwards every slot is free again.
/// </summary>
public sealed class SiloWorkPoolStressTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    private enum Kind
    {
        Completes,
        Throws,
        CancelledWaiting,
        CancelledRunning,
    }

    [Fact]
    public async Task Concurrent_callers_with_cancellations_and_throwing_work_each_end_once_within_capacity_and_free_every_slot()
    {
        const int capacity = 3;
        using var pool = new SiloWorkPool(capacity);
        int running = 0, peak = 0;
        var rng = new Random(17);
        var kinds = Enumerable.Range(0, 400).Select(_ => (Kind)rng.Next(4)).ToArray();
        var sources = kinds.Select(_ => new CancellationTokenSource()).ToArray();
        var started = new bool[kinds.Length];
        try
        {
            // Blockers hold every slot while the callers arrive, so the waiting ones are cancelled while they wait.
            using var blockersIn = new CountdownEvent(capacity);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var blockers = Enumerable.Range(0, capacity).Select(_ => pool.Run(async _ =>
            {
                blockersIn.Signal();
                await release.Task;
            }, CancellationToken.None)).ToArray();
            Assert.True(blockersIn.Wait(Watchdog), "the blockers did not all get a slot");

            var tasks = new Task[kinds.Length];
            for (int i = 0; i < kinds.Length; i++)
            {
                var kind = kinds[i];
                int index = i;
                tasks[i] = pool.Run(async token =>
                {
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    Volatile.Write(ref started[index], true);
                    try
                    {
                        await Task.Yield();
                        switch (kind)
                        {
                            case Kind.Throws:
                                throw new InvalidOperationException("the unit's work failed");
                            case Kind.CancelledRunning:
                                // Runs until its caller cancels it.
                                await Task.Delay(Timeout.Infinite, token);
                                break;
                            default:
                                await Task.Delay(1, CancellationToken.None);
                                break;
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref running);
                    }
                }, sources[i].Token);
            }

            // Cancel the waiting ones now (no slot is free), then let the others run; the running ones are cancelled once they run.
            for (int i = 0; i < kinds.Length; i++)
            {
                if (kinds[i] == Kind.CancelledWaiting)
                {
                    await sources[i].CancelAsync();
                }
            }

            release.SetResult();
            await Task.WhenAll(blockers);

            var cancelRunning = Task.Run(async () =>
            {
                for (int i = 0; i < kinds.Length; i++)
                {
                    if (kinds[i] == Kind.CancelledRunning)
                    {
                        await Task.Delay(2);
                        await sources[i].CancelAsync();
                    }
                }
            });

            var all = Task.WhenAll(tasks.Select(t => t.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            var watchdog = Task.Delay(Watchdog);
            Assert.True(await Task.WhenAny(all, watchdog) == all,
                $"the pool did not finish within {Watchdog}: {tasks.Count(t => !t.IsCompleted)} of {tasks.Length} callers unanswered (a leaked slot or a deadlock)");
            await cancelRunning;

            for (int i = 0; i < kinds.Length; i++)
            {
                var task = tasks[i];
                switch (kinds[i])
                {
                    case Kind.Completes:
                        Assert.True(task.IsCompletedSuccessfully, $"caller {i} ({kinds[i]}): {task.Status}");
                        break;
                    case Kind.Throws:
                        Assert.True(task.IsFaulted, $"caller {i} ({kinds[i]}): {task.Status}");
                        Assert.IsType<InvalidOperationException>(task.Exception!.InnerException);
                        break;
                    default:
                        Assert.True(task.IsCanceled, $"caller {i} ({kinds[i]}): {task.Status}");
                        break;
                }
            }

            Assert.InRange(peak, 1, capacity);
            Assert.Equal(0, Volatile.Read(ref running));
            for (int i = 0; i < kinds.Length; i++)
            {
                Assert.True(started[i] == (kinds[i] is Kind.Completes or Kind.Throws || (kinds[i] == Kind.CancelledRunning && started[i])),
                    $"caller {i} ({kinds[i]}) {(started[i] ? "ran" : "never ran")}");
            }

            // Every slot is free again: capacity units that each wait for all the others can all run at once.
            int arrived = 0;
            var everyone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var together = Enumerable.Range(0, capacity).Select(_ => pool.Run(async _ =>
            {
                if (Interlocked.Increment(ref arrived) == capacity)
                {
                    everyone.SetResult();
                }

                await everyone.Task;
            }, CancellationToken.None)).ToArray();
            var allTogether = Task.WhenAll(together);
            Assert.True(await Task.WhenAny(allTogether, Task.Delay(Watchdog)) == allTogether, "after the load, fewer than the capacity's units could run at once: a slot leaked");
            await allTogether;
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
