using Microsoft.AspNetCore.Diagnostics;

namespace Mkdash.Web;

/// <summary>Any failure answers JSON with a message, never a stack trace.</summary>
internal static class JsonErrors
{
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app)
    {
        return app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = failure is BadHttpRequestException bad ? bad.StatusCode : 500;
            var message = failure is BadHttpRequestException
                ? failure.Message
                : "internal error: " + failure?.GetType().Name;
            await WriteAsync(context, status, message);
        }));
    }

    /// <summary>Answers <paramref name="status"/> with <c>{"error": message}</c>, never cached.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new JsonError(message), DashboardJsonContext.Default.JsonError);
    }
}
