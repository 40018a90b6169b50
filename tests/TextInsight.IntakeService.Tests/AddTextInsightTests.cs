using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TextInsight.Classification;
using TextInsight.Hosting;
using TextInsight.Jieba.Segmentation;

namespace TextInsight.IntakeService.Tests;

/// <summary><c>services.AddTextInsight()</c>: one shared classifier and segmenter, options validated and the model loaded at start-up.</summary>
public sealed class AddTextInsightTests
{
    private static IHost Build(Action<TextInsightOptions>? configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTextInsight(configure);
        return builder.Build();
    }

    [Fact]
    public async Task The_default_registration_shares_one_classifier_and_one_segmenter()
    {
        using IHost host = Build(null);
        await host.StartAsync();

        var classifier = host.Services.GetRequiredService<FeedbackClassifier>();
        Assert.Same(classifier, host.Services.GetRequiredService<FeedbackClassifier>());
        Assert.Same(classifier, host.Services.GetRequiredService<MessageClassifier<FeedbackResult>>());
        Assert.Same(host.Services.GetRequiredService<JiebaSegmenter>(), host.Services.GetRequiredService<JiebaSegmenter>());
        Assert.Equal(0.9, classifier.UrgencyOperatingPoint!.HighRecallTarget);
        Assert.NotNull(classifier.Transcripts);
        await host.StopAsync();
    }

    [Fact]
    public async Task Options_choose_the_operating_point_the_transcript_handling_and_the_model()
    {
        using var model = new MemoryStream();
        FeedbackClassifier.LoadDefault().Save(model);
        using IHost host = Build(o =>
        {
            o.HighUrgencyRecall = 0.6;
            o.Transcripts = null;
            o.ModelStream = () => new MemoryStream(model.ToArray());
        });
        await host.StartAsync();

        var classifier = host.Services.GetRequiredService<FeedbackClassifier>();
        Assert.Equal(0.6, classifier.UrgencyOperatingPoint!.HighRecallTarget);
        Assert.Null(classifier.Transcripts);
        Assert.NotSame(FeedbackClassifier.LoadDefault(), classifier);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_model_that_fails_to_load_stops_the_host_at_start_up_with_the_format_error()
    {
        using IHost host = Build(o => o.ModelStream = () => new MemoryStream("not a model"u8.ToArray()));
        var e = await Assert.ThrowsAsync<ModelFormatException>(() => host.StartAsync());
        Assert.Contains("not a zip archive", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, null, "HighUrgencyRecall")]
    [InlineData(null, "/no/such/model.zip", "ModelPath")]
    public async Task Bad_options_stop_the_host_at_start_up(double? recall, string? path, string named)
    {
        using IHost host = Build(o =>
        {
            o.HighUrgencyRecall = recall;
            o.ModelPath = path;
        });
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
