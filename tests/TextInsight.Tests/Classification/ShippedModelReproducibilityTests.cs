using System.Globalization;
using System.Text.Json;
using TextInsight.Classification.Training;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>
/// The shipped model is what tools/train-default-model.sh produces: retraining with the same data and
/// seed reproduces the metrics recorded in the model and in models/default-model.report.json (within a
/// small tolerance; not byte-equal), with every message of messages.tsv as the unlabelled texts the
/// semantic space learns from. These train real models (about a minute each on 2 cores).
/// </summary>
[Trait("Category", "Training")]
public sealed class ShippedModelReproducibilityTests
{
    private const double Tolerance = 0.01;

    [Fact]
    public void Retraining_on_all_rows_reproduces_the_cross_validated_metrics_recorded_in_the_shipped_model()
    {
        IReadOnlyDictionary<string, string> recorded = FeedbackClassifier.LoadDefault().TrainingInfo;
        List<LabelledFeedback> data = SharedData.Taxonomy();
        Assert.Equal(recorded["examples"], data.Count.ToString(CultureInfo.InvariantCulture));

        EvaluationReport cv = FeedbackTrainer.TrainDefault(data, new FeedbackTrainerOptions { Seed = int.Parse(recorded["seed"], CultureInfo.InvariantCulture) },
            SharedData.Unlabelled()).CrossValidation;
        foreach (TaskEvaluation t in cv.Tasks)
        {
            Assert.Equal(double.Parse(recorded[$"cv.{t.Name}.macroF1"], CultureInfo.InvariantCulture), t.MacroF1, Tolerance);
            Assert.Equal(double.Parse(recorded[$"cv.{t.Name}.accuracy"], CultureInfo.InvariantCulture), t.Accuracy, Tolerance);
        }
    }

    [Fact]
    public void Retraining_on_the_training_split_reproduces_the_validation_metrics_of_the_model_card()
    {
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "models", "default-model.report.json")));
        JsonElement validation = report.RootElement.EnumerateArray()
            .Single(r => r.GetProperty("description").GetString()!.StartsWith("held-out validation split", StringComparison.Ordinal));

        (List<LabelledFeedback> train, List<LabelledFeedback> held) = DataSplit.Split(SharedData.Taxonomy(), e => e.Primary + "/" + e.Urgency, 0.2, 42);
        FeedbackClassifier model = FeedbackTrainer.TrainDefault(train, new FeedbackTrainerOptions { Seed = 42 }, SharedData.Unlabelled()).Model;
        // As `train --validation-split` measures it: cue phrases that only held-out rows contain are not counted.
        EvaluationReport actual = FeedbackTrainer.EvaluateHeldOut(model, train, held).Report;

        foreach (JsonElement task in validation.GetProperty("tasks").EnumerateArray())
        {
            TaskEvaluation t = actual[task.GetProperty("name").GetString()!];
            Assert.Equal(task.GetProperty("macroF1").GetDouble(), t.MacroF1, Tolerance);
            Assert.Equal(task.GetProperty("accuracy").GetDouble(), t.Accuracy, Tolerance);
            foreach ((JsonElement c, int k) in task.GetProperty("classes").EnumerateArray().Select((c, k) => (c, k)))
            {
                ClassMetrics metrics = t[c.GetProperty("label").GetString()!];
                Assert.Equal(c.GetProperty("recall").GetDouble(), metrics.Recall, Tolerance);
                // Ranking by the label's probability: as recorded, and well above chance (the label's share).
                double share = (double)metrics.Support / t.Examples;
                Assert.Equal(c.GetProperty("averagePrecision").GetDouble(), t.AveragePrecision![k], Tolerance);
                Assert.True(t.AveragePrecision[k] >= share + 0.1, $"{t.Name}/{metrics.Label}: average precision {t.AveragePrecision[k]:0.000}, chance {share:0.000}");
            }

            // The probabilities reported on these unseen messages: calibrated as recorded, and closer to the observed
            // frequencies than the heads' raw probabilities.
            CalibrationMetrics calibrated = t.Calibration!, raw = t.RawCalibration!;
            Assert.Equal(task.GetProperty("calibration").GetProperty("expectedCalibrationError").GetDouble(), calibrated.ExpectedCalibrationError, Tolerance);
            Assert.True(calibrated.ExpectedCalibrationError < raw.ExpectedCalibrationError,
                $"{t.Name}: calibration error {calibrated.ExpectedCalibrationError:0.000}, raw heads {raw.ExpectedCalibrationError:0.000}");
        }
    }
}
