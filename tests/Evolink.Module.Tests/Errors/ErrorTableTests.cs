using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Every ErrorId the help promises (about_Evolink, ERRORS), produced the way
/// a user meets it, with its category, the input as TargetObject, caught by
/// try/catch under -ErrorAction Stop, and $? false.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ErrorTableTests : ModuleTest
{
    public ErrorTableTests(ModuleEnvironment env) : base(env) { }

    private const string NoRetry = "-MaximumRetryCount 0";

    /// <summary>ErrorId, category, the command (its prompt is the input), and what a test must set up first.</summary>
    public static IEnumerable<object[]> Table => new[]
    {
        Row("EvolinkAuthenticationFailed", ErrorCategory.AuthenticationError, "Invoke-EvolinkChat 'the input' -ApiKey (ConvertTo-SecureString 'sk-wrong-key-000000' -AsPlainText -Force)"),
        Row("EvolinkQuotaExceeded", ErrorCategory.QuotaExceeded, "Invoke-EvolinkChat 'the input' -Model fake-bare-status-402"),
        Row("EvolinkInsufficientBalance", ErrorCategory.QuotaExceeded, "Invoke-EvolinkChat 'the input' -Model fake-code-insufficient_quota"),
        Row("EvolinkKeyQuotaExhausted", ErrorCategory.QuotaExceeded, "Invoke-EvolinkChat 'the input' -Model fake-code-key_quota_exhausted"),
        Row("EvolinkKeyDailyQuotaExhausted", ErrorCategory.QuotaExceeded, "Invoke-EvolinkChat 'the input' -Model fake-code-key_daily_quota_exhausted"),
        Row("EvolinkModelNotAllowed", ErrorCategory.PermissionDenied, "Invoke-EvolinkChat 'the input' -Model fake-code-key_model_not_allowed"),
        Row("EvolinkModelUnavailable", ErrorCategory.ResourceUnavailable, $"Invoke-EvolinkChat 'the input' -Model fake-code-model_unavailable {NoRetry}"),
        Row("EvolinkNoAvailableChannel", ErrorCategory.ResourceUnavailable, $"Invoke-EvolinkChat 'the input' -Model fake-code-no_available_channel {NoRetry}"),
        Row("EvolinkContentPolicyViolation", ErrorCategory.InvalidData, "Invoke-EvolinkChat 'the input' -Model fake-code-content_policy_violation"),
        Row("EvolinkIdempotencyConflict", ErrorCategory.InvalidOperation, "Invoke-EvolinkChat 'the input' -Model fake-code-idempotency_conflict"),
        Row("EvolinkInvalidTaskId", ErrorCategory.InvalidArgument, "Invoke-EvolinkChat 'the input' -Model fake-code-invalid_task_id"),
        Row("EvolinkPermissionDenied", ErrorCategory.PermissionDenied, "Invoke-EvolinkChat 'the input' -Model fake-status-403"),
        Row("EvolinkModelNotFound", ErrorCategory.ObjectNotFound, "Invoke-EvolinkChat 'the input' -Model fake-status-404"),
        Row("EvolinkRateLimited", ErrorCategory.LimitsExceeded, $"Invoke-EvolinkChat 'the input' -Model fake-status-429 {NoRetry}"),
        Row("EvolinkInvalidRequest", ErrorCategory.InvalidArgument, "Invoke-EvolinkChat 'the input' -Model fake-status-400"),
        Row("EvolinkServerError", ErrorCategory.ResourceUnavailable, $"Invoke-EvolinkChat 'the input' -Model fake-bare-status-500 {NoRetry}"),
        Row("EvolinkTimeout", ErrorCategory.OperationTimeout, $"Invoke-EvolinkChat 'the input' -Model fake-stall-headers -ConnectionTimeoutSeconds 1 {NoRetry}"),
        Row("EvolinkNetworkError", ErrorCategory.ConnectionError, $"Invoke-EvolinkChat 'the input' -BaseUri http://127.0.0.1:9 {NoRetry}"),
        Row("EvolinkStreamTruncated", ErrorCategory.ReadError, "Invoke-EvolinkChat 'the input is cut short here' -Model fake-stream-cut -Stream", target: "the input is cut short here"),
        Row("EvolinkInvalidResponse", ErrorCategory.InvalidResult, "Invoke-EvolinkChat 'the input' -Model fake-not-json"),
        Row("EvolinkInvalidInput", ErrorCategory.InvalidArgument, "Invoke-EvolinkChat '   '", target: "   "),
        Row("EvolinkConfigurationError", ErrorCategory.InvalidArgument, "$env:EVOLINK_API_KEY = $null; Invoke-EvolinkChat 'the input'", target: null),
        Row("EvolinkBudgetExceeded", ErrorCategory.LimitsExceeded, "Invoke-EvolinkChat 'the input' -MinimumCredit 1e12"),
        Row("EvolinkJournalError", ErrorCategory.InvalidData, "Set-Content ./people.csv 'name,email'; Invoke-EvolinkChat 'the input' -Journal ./people.csv", target: "./people.csv"),
        Row("EvolinkNotRecorded", ErrorCategory.ObjectNotFound, "Invoke-EvolinkChat 'other' -Replay ./r.jsonl -ReplayMode Record | Out-Null; Invoke-EvolinkChat 'the input' -Replay ./r.jsonl"),
        Row("EvolinkMcpServerFailed", ErrorCategory.ResourceUnavailable, "Invoke-EvolinkChat 'the input' -McpServer @{ Name = 'gone'; Command = 'no-such-mcp-server-command' }"),
        Row("EvolinkGenerationFailed", ErrorCategory.InvalidResult, "New-EvolinkImage 'the input' -Model fake-task-expired -PollIntervalSec 0.05"),
        Row("EvolinkResultFileExists", ErrorCategory.ResourceExists, "Set-Content ./taken.png 'mine'; New-EvolinkImage 'the input' -OutFile ./taken.png -PollIntervalSec 0.05"),
        Row("EvolinkToolRoundLimit", ErrorCategory.LimitsExceeded,
            "Invoke-EvolinkChat 'the input' -Model fake-tools -Tools (New-EvolinkTool (Get-Command Get-Date)) -Force -MaximumToolRounds 1"),
    };

    private static object[] Row(string id, ErrorCategory category, string script, string? target = "the input") => new object?[] { id, category, script, target }!;

    [Fact]
    public void The_table_names_every_ErrorId_that_about_Evolink_promises()
    {
        var about = (string?)Shell.Value("[string](Get-Help about_Evolink)") ?? string.Empty;
        var promised = System.Text.RegularExpressions.Regex.Matches(about, @"\bEvolink[A-Z]\w+\b").Select(m => m.Value)
            .Where(id => id.EndsWith("Failed") || id.EndsWith("Exceeded") || id.EndsWith("Denied") || id.EndsWith("NotFound") || id.EndsWith("Limited")
                         || id.EndsWith("Request") || id.EndsWith("Error") || id.EndsWith("Timeout") || id.EndsWith("Truncated") || id.EndsWith("Response") || id.EndsWith("Input")
                         || id.EndsWith("Balance") || id.EndsWith("Exhausted") || id.EndsWith("Allowed") || id.EndsWith("Unavailable") || id.EndsWith("Channel")
                         || id.EndsWith("Violation") || id.EndsWith("Conflict") || id.EndsWith("TaskId"))
            .ToHashSet();
        Assert.NotEmpty(promised);
        Assert.Subset(Table.Select(r => (string)r[0]).ToHashSet(), promised);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_failure_is_one_error_record_with_its_ErrorId_category_and_input(string errorId, ErrorCategory category, string script, string? target)
    {
        var run = Run(script + "\n$global:ok = $?");
        var error = Assert.Single(run.AllErrors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Equal(false, Shell.Value("$global:ok"));
        Assert.DoesNotContain(Env.Key, error.ToString());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ErrorAction_Stop_turns_each_failure_into_an_exception_a_script_can_catch(string errorId, ErrorCategory category, string script, string? target)
    {
        _ = category;
        _ = target;
        var run = Run($$"""
            try { {{script}} -ErrorAction Stop; 'not caught' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            """);
        Assert.Equal(errorId, run.Output.Last()?.BaseObject);
    }

    /// <summary>Every cmdlet's failure paths, each with the ErrorId, category and target one table gives its kind.</summary>
    public static IEnumerable<object[]> CmdletFailures => new[]
    {
        Failure("New-EvolinkMessage 'the answer' -Role tool", "EvolinkInvalidInput", ErrorCategory.InvalidArgument, "the answer"),
        Failure("New-EvolinkMessage 'see this' -Image ./missing.png", "EvolinkInvalidInput", ErrorCategory.InvalidArgument, "see this"),
        Failure("Set-Content bad.json '{ \"hello\": 1 }'; Import-EvolinkConversation ./bad.json", "EvolinkInvalidInput", ErrorCategory.InvalidArgument, "{work}/bad.json"),
        Failure("Set-Content kept.json 'x'; Invoke-EvolinkChat 'x' | Export-EvolinkConversation ./kept.json -NoClobber", "EvolinkConversationFileExists", ErrorCategory.ResourceExists, "{work}/kept.json"),
        Failure("Set-EvolinkApiKey -ApiKey (ConvertTo-SecureString 'sk-some-key-0000000' -AsPlainText -Force) -Vault NoSuchVault", "EvolinkConfigurationError", ErrorCategory.InvalidArgument, "vault 'NoSuchVault' secret 'Evolink'"),
        Failure("Remove-EvolinkApiKey -Vault Work -SecretName NotStored -Confirm:$false", "EvolinkConfigurationError", ErrorCategory.InvalidArgument, "vault 'Work' secret 'NotStored'"),
        Failure("Get-EvolinkModel -Name no-such-model", "EvolinkModelNotFound", ErrorCategory.ObjectNotFound, "no-such-model"),
        Failure("Get-EvolinkCredit -ApiKey (ConvertTo-SecureString 'sk-wrong-key-000000' -AsPlainText -Force)", "EvolinkAuthenticationFailed", ErrorCategory.AuthenticationError, null),
        Failure("New-EvolinkTool -Name Open-Ticket -Description 'x' -Schema '{ not json'", "EvolinkInvalidInput", ErrorCategory.InvalidArgument, "Open-Ticket"),
        Failure("$env:EVOLINK_API_KEY = $null; Get-EvolinkModel", "EvolinkConfigurationError", ErrorCategory.InvalidArgument, null),
    };

    private static object[] Failure(string script, string id, ErrorCategory category, string? target) => new object?[] { script, id, category, target }!;

    [Theory]
    [MemberData(nameof(CmdletFailures))]
    public void Each_cmdlet_s_failure_is_one_record_with_the_mapped_ErrorId_category_and_target(string script, string errorId, ErrorCategory category, string? target)
    {
        var run = Run(script);
        var error = Assert.Single(run.AllErrors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target?.Replace("{work}", Env.WorkFolder), error.TargetObject?.ToString());
    }

    /// <summary>Every code the gateway documents, the ErrorId and category it gets, and an extra field it brings.</summary>
    public static IEnumerable<object[]> Codes => new[]
    {
        Code("invalid_api_key", "EvolinkAuthenticationFailed", ErrorCategory.AuthenticationError, null),
        Code("insufficient_quota", "EvolinkInsufficientBalance", ErrorCategory.QuotaExceeded, "remaining_credits"),
        Code("key_quota_exhausted", "EvolinkKeyQuotaExhausted", ErrorCategory.QuotaExceeded, "limit_scope"),
        Code("key_daily_quota_exhausted", "EvolinkKeyDailyQuotaExhausted", ErrorCategory.QuotaExceeded, "limit_scope"),
        Code("key_model_not_allowed", "EvolinkModelNotAllowed", ErrorCategory.PermissionDenied, "allowed_models"),
        Code("model_unavailable", "EvolinkModelUnavailable", ErrorCategory.ResourceUnavailable, null),
        Code("no_available_channel", "EvolinkNoAvailableChannel", ErrorCategory.ResourceUnavailable, null),
        Code("content_policy_violation", "EvolinkContentPolicyViolation", ErrorCategory.InvalidData, null),
        Code("idempotency_conflict", "EvolinkIdempotencyConflict", ErrorCategory.InvalidOperation, null),
        Code("invalid_task_id", "EvolinkInvalidTaskId", ErrorCategory.InvalidArgument, null),
    };

    private static object[] Code(string code, string id, ErrorCategory category, string? extra) => new object?[] { code, id, category, extra }!;

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_documented_code_has_its_own_ErrorId_plain_or_inside_a_stream_with_the_code_request_id_extras_and_advice(string code, string errorId, ErrorCategory category, string? extra)
    {
        foreach (var (model, streamed) in new[] { ($"fake-code-{code}", ""), ($"fake-stream-code-{code}", "-Stream"), ($"fake-stream-first-code-{code}", "-Stream") })
        {
            var run = Run($"Invoke-EvolinkChat 'the input' -Model {model} {streamed} -MaximumRetryCount 0");
            var error = Assert.Single(run.AllErrors);
            var exception = new EvolinkApiExceptionView(error.Exception);
            Assert.True(errorId == error.FullyQualifiedErrorId.Split(',')[0], $"{model}: {error.FullyQualifiedErrorId}");
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(code, exception.ErrorCode);
            Assert.StartsWith("req-fake-", exception.RequestId);
            if (extra is not null)
                Assert.True(exception.Details.ContainsKey(extra), $"{model}: no {extra} on the exception");
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails?.RecommendedAction), $"{model}: no recommended action");
            Assert.Contains(code, error.ErrorDetails!.Message);
            Assert.Equal("the input", error.TargetObject);
        }
    }

    [Fact]
    public void An_unknown_code_keeps_its_status_s_ErrorId_and_the_code_itself()
    {
        var error = Assert.Single(Run("Invoke-EvolinkChat 'the input' -Model fake-bare-status-402").AllErrors);

        Assert.Equal("EvolinkQuotaExceeded", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("http_402", new EvolinkApiExceptionView(error.Exception).ErrorCode);
    }

    [Fact]
    public void A_failed_input_of_several_piped_ones_is_named_by_its_position()
    {
        var run = Run("'first', 'second', '   ' | Invoke-EvolinkChat -ThrottleLimit 2");

        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("Input 3: The prompt is empty", error.ErrorDetails.Message);
        Assert.Equal("   ", error.TargetObject);
    }

    /// <summary>The engine's exception as a script reads it, through its properties.</summary>
    private sealed class EvolinkApiExceptionView
    {
        public EvolinkApiExceptionView(System.Exception exception)
        {
            var o = System.Management.Automation.PSObject.AsPSObject(exception);
            ErrorCode = (string?)o.Properties["ErrorCode"]?.Value;
            RequestId = (string?)o.Properties["RequestId"]?.Value;
            Details = (System.Collections.Generic.IReadOnlyDictionary<string, object?>?)o.Properties["Details"]?.Value ?? new System.Collections.Generic.Dictionary<string, object?>();
        }

        public string? ErrorCode { get; }
        public string? RequestId { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, object?> Details { get; }
    }
}
