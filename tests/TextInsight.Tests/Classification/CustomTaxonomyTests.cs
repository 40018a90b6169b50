using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>Training on a user's own taxonomy: single-label (the 7 departments) and multi-label.</summary>
[Trait("Category", "Training")]
public sealed class CustomTaxonomyTests
{
    [Fact]
    public void Department_classifier_cross_validates_well_and_survives_save_and_load()
    {
        List<LabelledText> data = SharedData.Departments();
        TrainingResult<TextClassifier> result = FeedbackTrainer.TrainCustom(data, new FeedbackTrainerOptions { Folds = 3, Seed = 7 });
        TaskEvaluation cv = result.CrossValidation["label"];
        Assert.Equal(7, cv.Classes.Count);
        Assert.Equal(data.Count, cv.Examples);
        Assert.True(cv.MicroF1 >= 0.85, $"department micro-F1 {cv.MicroF1:0.000} (peers' best is 0.874 on a held-back split)");
        Assert.Equal(cv.Examples, cv.ConfusionMatrix!.Sum(row => row.Sum()));

        using var stream = new MemoryStream();
        result.Model.Save(stream);
        stream.Position = 0;
        TextClassifier loaded = TextClassifier.Load(stream);
        Assert.False(loaded.IsMultiLabel);
        foreach (LabelledText e in data.Take(30))
        {
            LabelResult a = result.Model.Classify(e.Title, e.Text), b = loaded.Classify(e.Title, e.Text);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal([a.Label], a.Labels);
            Assert.Equal(a.Confidence, b.Confidence, 6);
        }

        Assert.Throws<ModelFormatException>(() => { stream.Position = 0; FeedbackClassifier.Load(stream); });
    }

    [Fact]
    public void Multi_label_custom_training_assigns_label_sets()
    {
        // The taxonomy's topic sets, used as a user's own multi-label taxonomy (empty sets become "none").
        List<LabelledText> data = SharedData.Taxonomy().Take(800)
            .Select(e => new LabelledText(e.Title, e.Text, e.Topics.Count == 0 ? ["none"] : e.Topics)).ToList();
        TrainingResult<TextClassifier> result = FeedbackTrainer.TrainCustom(data, new FeedbackTrainerOptions { Folds = 3, MultiLabel = true });
        TaskEvaluation cv = result.CrossValidation["label"];
        Assert.True(cv.MultiLabel);
        Assert.True(cv["livelihood"].F1 > 0.85, $"livelihood F1 {cv["livelihood"].F1:0.000}");
        Assert.True(cv.MicroF1 > 0.7, $"micro-F1 {cv.MicroF1:0.000}");

        // Probabilities on 300 messages the model never saw: calibrated, closer to the observed frequencies than the heads' raw ones.
        List<LabelledText> unseen = SharedData.Taxonomy().Skip(800).Take(300)
            .Select(e => new LabelledText(e.Title, e.Text, e.Topics.Count == 0 ? ["none"] : e.Topics)).ToList();
        TaskEvaluation held = FeedbackTrainer.Evaluate(result.Model, unseen)["label"];
        Assert.True(held.Calibration!.ExpectedCalibrationError < held.RawCalibration!.ExpectedCalibrationError,
            $"calibration error {held.Calibration.ExpectedCalibrationError:0.000}, raw heads {held.RawCalibration.ExpectedCalibrationError:0.000}");

        LabelResult r = result.Model.Classify("村干部强占宅基地", "村支书利用职权强占我家宅基地建房，多次反映无果。");
        Assert.NotEmpty(r.Labels);
        Assert.Contains(r.Label, r.Labels);
        Assert.All(r.Labels, l => Assert.Contains(l, result.Model.Labels));
    }
}
