namespace Mkdash.Web;

/// <summary>The body of every error answer: <c>{"error": "..."}</c>.</summary>
internal sealed record JsonError(string Error);
