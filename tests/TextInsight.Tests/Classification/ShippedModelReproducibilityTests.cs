using System.Globalization;
using TextInsight.Training;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>
/// The shipped model is what tools/train-default-model.sh produces: retraining on all labelled rows with the same
/// seed reproduces the cross-validated metrics recorded in the model (within a small tolerance; not byte-equal),
/// with every message of messages.tsv as the unlabelled texts the semantic space learns from. This trains the real
/// model (about a quarter of an hour on 2 cores); it is the one such check CI runs.
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
            for (int k = 0; k < t.Classes.Count; k++)
            {
                // Ranking by each label's out-of-fold probability: well above chance (the label's share).
                double share = (double)t.Classes[k].Support / t.Examples;
                Assert.True(t.AveragePrecision![k] >= share + 0.1, $"{t.Name}/{t.Classes[k].Label}: average precision {t.AveragePrecision[k]:0.000}, chance {share:0.000}");
            }

            // The reported probabilities are closer to the observed frequencies than the heads' raw ones.
            Assert.True(t.Calibration!.ExpectedCalibrationError < t.RawCalibration!.ExpectedCalibrationError,
                $"{t.Name}: calibration error {t.Calibration.ExpectedCalibrationError:0.000}, raw heads {t.RawCalibration.ExpectedCalibrationError:0.000}");
        }
    }
}
