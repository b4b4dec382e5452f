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
            context.Response.StatusCode = failure is BadHttpRequestException bad ? bad.StatusCode : 500;
            context.Response.Headers.CacheControl = "no-store";
            var message = failure is BadHttpRequestException ? failure.Message : "internal error: " + failure?.GetType().Name;
            await context.Response.WriteAsJsonAsync(new JsonError(message), DashboardJsonContext.Default.JsonError);
        }));
    }
}
