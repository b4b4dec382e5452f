namespace Mkdash.Web;

/// <summary>What every refusal or failure answers: one message, never a stack trace.</summary>
internal sealed record ErrorAnswer(string Error);
