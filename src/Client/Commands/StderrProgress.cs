using System.Diagnostics;
using System.Globalization;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Client.Commands;

/// <summary>
/// The progress of a long persistence run on stderr, once it has run two seconds: on a terminal one line updated in
/// place every second; otherwise (a log, a pipe) a new line every five seconds. The computation only records the
/// latest state; a timer prints it, so the line moves on (elapsed time included) even while one step is slow.
/// </summary>
internal sealed class StderrProgress : IProgress<PersistenceProgress>, IDisposable
{
    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private PersistenceProgress? _latest;
    private int _shown;
    private bool _stopped;

    public StderrProgress(TextWriter error, bool interactive)
    {
        _error = error;
        _interactive = interactive;
        var period = TimeSpan.FromSeconds(interactive ? 1 : 5);
        _timer = new Timer(_ => Show(), null, TimeSpan.FromSeconds(2), period);
    }

    public void Report(PersistenceProgress value)
    {
        lock (_gate)
        {
            _latest = value;
        }
    }

    /// <summary>Stops printing and clears an in-place line.</summary>
    public void Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        lock (_gate)
        {
            if (!_stopped && _interactive && _shown > 0)
            {
                _error.Write('\r' + new string(' ', _shown) + '\r');
                _error.Flush();
            }

            _stopped = true;
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }

    private void Show()
    {
        lock (_gate)
        {
            if (_stopped || _latest is not { } value)
            {
                return;
            }

            string text = string.Create(CultureInfo.InvariantCulture,
                $"clipgeo: dim {value.Dimension}: {value.Stage} {value.Done}/{value.Total} ({_clock.Elapsed.TotalSeconds:F0} s)");
            if (_interactive)
            {
                _error.Write('\r' + text.PadRight(_shown));
                _shown = Math.Max(_shown, text.Length);
            }
            else
            {
                _error.WriteLine(text);
            }

            _error.Flush();
        }
    }
}
