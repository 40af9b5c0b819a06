using System;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.History;

// Usage: Evolink.HistoryWriter <history path> <writer name> <entries>
// Appends that many entries, each naming the writer and its number, so the
// test can tell that none was lost, doubled or torn.
var store = new HistoryStore(args[0]);
var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
for (var i = 0; i < count; i++)
{
    store.Append(new HistoryEntry
    {
        Time = DateTimeOffset.UtcNow,
        Model = "writer-model",
        Messages = { ChatMessage.User($"{args[1]} #{i} " + new string('x', 300)) },
        Reply = $"reply to {args[1]} #{i}",
    }, SecretRedactor.None);
}
