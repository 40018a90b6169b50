using System.CommandLine;
using System.Globalization;

namespace TextInsight.Cli.Commands;

/// <summary><c>--high-recall</c>, shared by <c>classify</c> and <c>evaluate</c>: the urgency operating point to use.</summary>
internal static class HighRecallArgument
{
    internal static Option<double?> Create() => new("--high-recall")
    {
        Description = "Default-taxonomy models: keep high-urgency recall at this target (the model's cross-validation) with as few high flags "
            + "as its operating points allow, e.g. 0.8 to flag fewer messages; default: the target the model was trained with (0.9)",
    };

    /// <summary>The classifier at the operating point asked for (itself when none was), announced on stderr.</summary>
    /// <exception cref="ArgumentException">The target is out of range, or the model has no operating points.</exception>
    internal static FeedbackClassifier Apply(FeedbackClassifier classifier, double? target)
    {
        if (target is not { } t)
        {
            return classifier;
        }

        FeedbackClassifier chosen;
        try
        {
            chosen = classifier.WithHighUrgencyRecall(t);
        }
        catch (InvalidOperationException e)
        {
            // A model without operating points: a bad argument for this model, reported like the others.
            throw new ArgumentException("--high-recall: " + e.Message, e);
        }

        UrgencyOperatingPoint p = chosen.UrgencyOperatingPoint!;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"urgency operating point: high recall target {p.HighRecallTarget:0.##} (cross-validated: recall {p.HighRecall:0.000}, precision {p.HighPrecision:0.000}, {p.FlaggedHighShare:P0} of messages flagged high)"));
        return chosen;
    }
}
