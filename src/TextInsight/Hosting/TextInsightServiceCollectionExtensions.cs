using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TextInsight.Classification;
using TextInsight.Hosting;
using TextInsight.Jieba.Segmentation;

// In the namespace of IServiceCollection, as Microsoft.Extensions' own registrations are, so `services.AddTextInsight()` is found
// without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TextInsight's shared classifier and segmenter with a service collection.</summary>
public static class TextInsightServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared, thread-safe <see cref="FeedbackClassifier"/> (also as <see cref="MessageClassifier{TResult}"/> of
    /// <see cref="FeedbackResult"/>) and one <see cref="JiebaSegmenter"/>, both singletons, configured by
    /// <see cref="TextInsightOptions"/> (the Options pattern: <c>services.Configure&lt;TextInsightOptions&gt;</c> and configuration
    /// binding work too). The options are validated and the model is loaded when the host starts, so a bad setting or a
    /// model that fails to load (<see cref="ModelFormatException"/>) stops the host at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; null: the embedded default model, its trained operating point, transcripts read.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <example>
    /// <code>
    /// builder.Services.AddTextInsight(o => o.HighUrgencyRecall = 0.6);
    /// app.MapPost("/classify", (FeedbackClassifier classifier, Message m) => classifier.Classify(m.Title, m.Text));
    /// </code>
    /// </example>
    public static IServiceCollection AddTextInsight(this IServiceCollection services, Action<TextInsightOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TextInsightOptions> options = services.AddOptions<TextInsightOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.HighUrgencyRecall is null or (> 0 and <= 1), "TextInsight: HighUrgencyRecall must be in (0, 1].")
            .Validate(o => o.ModelStream is not null || o.ModelPath is null || File.Exists(o.ModelPath), "TextInsight: the model file ModelPath does not exist.")
            .ValidateOnStart();

        services.TryAddSingleton(_ => JiebaSegmenter.Create());
        services.TryAddSingleton(provider => Create(provider.GetRequiredService<IOptions<TextInsightOptions>>().Value));
        services.TryAddSingleton<MessageClassifier<FeedbackResult>>(provider => provider.GetRequiredService<FeedbackClassifier>());
        services.AddHostedService<ModelLoader>();
        return services;
    }

    private static FeedbackClassifier Create(TextInsightOptions o)
    {
        FeedbackClassifier classifier;
        if (o.ModelStream is not null)
        {
            using Stream stream = o.ModelStream();
            classifier = FeedbackClassifier.Load(stream);
        }
        else
        {
            classifier = o.ModelPath is null ? FeedbackClassifier.LoadDefault() : FeedbackClassifier.Load(o.ModelPath);
        }

        classifier = classifier.WithTranscripts(o.Transcripts);
        return o.HighUrgencyRecall is double recall ? classifier.WithHighUrgencyRecall(recall) : classifier;
    }

    // Loads the model while the host starts: a ModelFormatException stops it there, and the first request does not wait.
    private sealed class ModelLoader(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<FeedbackClassifier>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
