using LxcForge.Core.Spec.Validation;
using YamlDotNet.RepresentationModel;

namespace LxcForge.Core.Spec.Yaml;

/// <summary>What reading one file collects: the problems found so far and where every field was.</summary>
internal sealed class YamlReadContext(string file)
{
    public SpecSourceMap Source { get; } = new(file);

    public List<SpecProblem> Problems { get; } = [];

    public void Mark(string path, YamlNode node) => Source.Add(path, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string path, string message) =>
        Problems.Add(new SpecProblem(Source.File, (int)node.Start.Line, (int)node.Start.Column, path, message));

    /// <summary>A short description of what a node is, for "expected X, got Y".</summary>
    public static string Describe(YamlNode node) =>
        node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s when s.Value is null or "" or "~" or "null" => "nothing",
            YamlScalarNode s => $"'{s.Value}'",
            _ => "an alias",
        };
}
