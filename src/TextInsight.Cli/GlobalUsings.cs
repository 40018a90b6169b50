// The CLI stands on the libraries' public API alone (no InternalsVisibleTo).
global using TextInsight.Batching;
global using TextInsight.Classification;
global using TextInsight.Training;
