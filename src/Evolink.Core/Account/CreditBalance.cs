using System.Globalization;

namespace Evolink.Account;

/// <summary>The body of <c>GET /v1/credits</c>, as the gateway sends it.</summary>
public sealed class CreditsReply
{
    public bool? Success { get; set; }
    public CreditsData? Data { get; set; }
}

public sealed class CreditsData
{
    public CreditFigures? User { get; set; }
    public CreditFigures? Token { get; set; }
}

public sealed class CreditFigures
{
    public double? RemainingCredits { get; set; }
    public double? UsedCredits { get; set; }
    public bool? UnlimitedCredits { get; set; }
}

/// <summary>The account's and this key's balance, flat, so a script can compare a number against a threshold.</summary>
public sealed class CreditBalance
{
    public double? AccountRemaining { get; set; }
    public double? AccountUsed { get; set; }
    public double? KeyRemaining { get; set; }
    public double? KeyUsed { get; set; }
    public bool KeyUnlimited { get; set; }

    /// <summary>What this key can still spend: its own limit, or the account's when the key is unlimited.</summary>
    public double? Available => KeyUnlimited || KeyRemaining is null ? AccountRemaining : KeyRemaining;

    public static CreditBalance From(CreditsReply reply) => new()
    {
        AccountRemaining = reply.Data?.User?.RemainingCredits,
        AccountUsed = reply.Data?.User?.UsedCredits,
        KeyRemaining = reply.Data?.Token?.RemainingCredits,
        KeyUsed = reply.Data?.Token?.UsedCredits,
        KeyUnlimited = reply.Data?.Token?.UnlimitedCredits ?? false,
    };

    public override string ToString() => Available?.ToString("0.####", CultureInfo.InvariantCulture) ?? "unknown";
}
