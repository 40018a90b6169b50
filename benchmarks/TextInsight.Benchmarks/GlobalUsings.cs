global using TextInsight.Batching;
global using TextInsight.Classification;
global using TextInsight.Training;
