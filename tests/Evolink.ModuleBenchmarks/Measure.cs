using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Evolink.ModuleBenchmarks;

/// <summary>Figures over several runs: median with min–max, and a target met only when the whole range meets it.</summary>
internal sealed class Figure
{
    private readonly List<double> _values = new();

    public void Add(double value) => _values.Add(value);

    public double Median
    {
        get
        {
            var sorted = _values.OrderBy(v => v).ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public int Count => _values.Count;

    public double Min => _values.Min();
    public double Max => _values.Max();

    public string Show(string format) =>
        string.Format(CultureInfo.InvariantCulture, "{0} ({1}–{2})", Median.ToString(format, CultureInfo.InvariantCulture),
            Min.ToString(format, CultureInfo.InvariantCulture), Max.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>One value as a figure (a derived figure that has no range of its own).</summary>
    public static Figure Of(double value)
    {
        var figure = new Figure();
        figure.Add(value);
        return figure;
    }

    /// <summary>This figure less another, repeat by repeat paired in order: the difference's median and range.</summary>
    public Figure Minus(Figure floor)
    {
        var difference = new Figure();
        for (var i = 0; i < Math.Min(_values.Count, floor._values.Count); i++)
            difference.Add(_values[i] - floor._values[i]);
        return difference;
    }

    /// <summary>This figure plus another, repeat by repeat paired in order.</summary>
    public Figure Plus(Figure other)
    {
        var sum = new Figure();
        for (var i = 0; i < Math.Min(_values.Count, other._values.Count); i++)
            sum.Add(_values[i] + other._values[i]);
        return sum;
    }

    /// <summary>This figure over another, run by run paired in order: the ratio's median and range.</summary>
    public Figure Over(Figure floor)
    {
        var ratio = new Figure();
        for (var i = 0; i < Math.Min(_values.Count, floor._values.Count); i++)
            ratio.Add(_values[i] / floor._values[i]);
        return ratio;
    }
}

internal static class Measure
{
    /// <summary>
    /// Each reader's fastest of several reads, with what was recorded beside
    /// it (first text, CPU): what the code costs once a stall of the shared
    /// machine is left out. The readers take turns (A, B, A, B, …), so a slow
    /// spell of the machine falls on all of them alike.
    /// </summary>
    public static (double Value, double[] With)[] FastestInTurn(int tries, params Func<(double Value, double[] With)>[] readers)
    {
        var best = new (double Value, double[] With)[readers.Length];
        for (var i = 0; i < best.Length; i++)
            best[i] = (double.MaxValue, Array.Empty<double>());
        for (var round = 0; round < tries; round++)
        {
            for (var i = 0; i < readers.Length; i++)
            {
                var next = readers[i]();
                if (next.Value < best[i].Value)
                    best[i] = next;
            }
        }
        return best;
    }
}
