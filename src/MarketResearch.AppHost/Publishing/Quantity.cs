using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketResearch.AppHost.Publishing;

/// <summary>Converts the settings' CPU and memory notation into what compose and Kubernetes expect.</summary>
internal static partial class Quantity
{
    public static int Millicores(string cpus, string key) =>
        decimal.TryParse(cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (int)Math.Round(value * 1000)
            : throw DeploymentSettings.Invalid(key, $"is '{cpus}'; use a positive decimal number of CPUs such as 0.5");

    public static int Mebibytes(string memory, string key)
    {
        var match = MemoryPattern().Match(memory);
        if (!match.Success)
        {
            throw DeploymentSettings.Invalid(key, $"is '{memory}'; use a whole number with M or G, such as 512M or 2G");
        }

        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value == "G" ? amount * 1024 : amount;
    }

    /// <summary>Kubernetes CPU quantity in millicores ("500m").</summary>
    public static string KubernetesCpu(string cpus) => $"{Millicores(cpus, "cpus")}m";

    /// <summary>Kubernetes memory in binary units ("512Mi", "2Gi").</summary>
    public static string KubernetesMemory(string memory)
    {
        Mebibytes(memory, "memory");
        return memory + "i";
    }

    [GeneratedRegex("^(?<amount>[1-9][0-9]*)(?<unit>[MG])$")]
    private static partial Regex MemoryPattern();
}
