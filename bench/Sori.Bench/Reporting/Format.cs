using System.Globalization;

namespace Sori.Bench.Reporting;

public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    public static string Rate(double v) => double.IsNaN(v) ? "—" : v.ToString("#,0", Inv);
    public static string Ms(double v) => double.IsNaN(v) ? "—" : v.ToString(v < 10 ? "0.00" : "0.0", Inv);
    public static string Mb(double v) => double.IsNaN(v) ? "—" : v.ToString("0", Inv) + " MB";
    public static string Ratio(double v, string? format = null) =>
        double.IsNaN(v) ? "—" : v.ToString(format ?? (v < 0.1 ? "0.000" : "0.00"), Inv) + "×";
    public static string Cores(double v) => double.IsNaN(v) ? "—" : v.ToString("0.00", Inv);
    public static string List(IEnumerable<double> values, Func<double, string> f) => string.Join(", ", values.Select(f));
}
