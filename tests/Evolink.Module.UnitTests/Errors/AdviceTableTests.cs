using System;
using System.Linq;
using System.Security;
using Evolink.Commands;
using Evolink.Credentials;
using Evolink.Errors;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>
/// The module's words for what the engine reports in its own terms: every
/// remedy has advice naming this module's parameters and commands, every
/// kind an ErrorId and a category, each said in one table.
/// </summary>
public sealed class AdviceTableTests
{
    [Fact]
    public void Every_remedy_the_engine_can_name_has_the_module_s_advice()
    {
        foreach (var remedy in Enum.GetValues(typeof(EvolinkRemedy)).Cast<EvolinkRemedy>().Where(r => r != EvolinkRemedy.None))
            Assert.False(string.IsNullOrWhiteSpace(Advice.For(remedy)), $"no advice for {remedy}");
    }

    [Fact]
    public void Every_error_kind_has_a_stable_error_id_and_category()
    {
        foreach (var kind in (EvolinkErrorKind[])Enum.GetValues(typeof(EvolinkErrorKind)))
        {
            Assert.StartsWith("Evolink", ErrorMapping.ErrorId(kind));
            Assert.False(string.IsNullOrEmpty(ErrorMapping.Category(kind).ToString()));
        }
    }

    [Fact]
    public void A_missing_key_is_answered_with_all_three_ways_to_provide_one()
    {
        var error = Assert.Throws<EvolinkException>(() => ApiKeyResolver.Resolve(null, _ => null));

        var said = Advice.Worded(error).Message;

        Assert.Contains("-ApiKey", said);
        Assert.Contains("EVOLINK_API_KEY", said);
        Assert.Contains("Set-EvolinkApiKey", said);
        Assert.Contains("vault", said);
    }

    [Fact]
    public void A_key_given_to_the_command_is_said_to_come_from_its_parameter()
    {
        using var key = new SecureString();
        foreach (var c in "sk-given")
            key.AppendChar(c);

        Assert.Equal("the -ApiKey parameter", Advice.Source(ApiKeyResolver.Resolve(key, _ => "sk-env")));
    }

    [Theory]
    [InlineData(EvolinkRemedy.TopUpBalance, "Add credit")]
    [InlineData(EvolinkRemedy.CheckApiKey, "Check the API key")]
    [InlineData(EvolinkRemedy.ConnectionTimeout, "-ConnectionTimeoutSeconds")]
    [InlineData(EvolinkRemedy.OperationTimeout, "-OperationTimeoutSeconds")]
    [InlineData(EvolinkRemedy.TotalTimeout, "-TimeoutSec")]
    [InlineData(EvolinkRemedy.ReplySizeLimit, "-MaximumReplySizeMB")]
    [InlineData(EvolinkRemedy.ToolRoundLimit, "-MaximumToolRounds")]
    [InlineData(EvolinkRemedy.UnencryptedAuthentication, "-AllowUnencryptedAuthentication")]
    [InlineData(EvolinkRemedy.SaveConversation, "Export-EvolinkConversation")]
    [InlineData(EvolinkRemedy.StoreSecret, "Set-EvolinkApiKey")]
    [InlineData(EvolinkRemedy.GiveToolCallId, "-ToolCallId")]
    [InlineData(EvolinkRemedy.GiveContent, "-Content")]
    public void Each_remedy_names_the_parameter_or_command_that_answers_it(EvolinkRemedy remedy, string named)
    {
        Assert.Contains(named, Advice.For(remedy));
    }
}
