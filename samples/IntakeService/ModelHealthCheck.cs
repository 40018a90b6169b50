using Microsoft.Extensions.Diagnostics.HealthChecks;
using TextInsight.Classification;

namespace IntakeService;

/// <summary>Ready once the classifier is loaded (the host loads it at start-up), with the model's facts.</summary>
internal sealed class ModelHealthCheck(FeedbackClassifier classifier) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("model loaded", new Dictionary<string, object>
        {
            ["kind"] = classifier.Info.Kind.ToString(),
            ["formatVersion"] = classifier.Info.FormatVersion,
            ["examples"] = classifier.TrainingInfo.GetValueOrDefault("examples") ?? "",
        }));
}
