using System.Collections;
using System.Reflection;
using LxcForge.Core.Spec;

namespace LxcForge.Cli.Tests.Security;

/// <summary>
/// Every string a fleet spec holds, found by reflection over the spec's records (strings, lists of strings, both
/// sides of string maps), each with a way to set it in any spec of the same shape.
/// </summary>
internal static class SpecStringFields
{
    /// <summary>One step from a value to a part of it.</summary>
    internal abstract record Step;

    internal sealed record Prop(PropertyInfo Property) : Step;

    internal sealed record Item(int Index) : Step;

    internal sealed record MapValue(string Key) : Step;

    internal sealed record MapKey(string Key) : Step;

    /// <summary>A string field: <c>Services[1].Custom.Check</c>, <c>Templates[0].Source.Variables{var_os}</c>…</summary>
    public sealed class Field
    {
        private readonly IReadOnlyList<Step> _steps;

        internal Field(IReadOnlyList<Step> steps) => _steps = steps;

        public string Path =>
            string.Concat(
                _steps.Select(
                    (s, i) =>
                        s switch
                        {
                            Prop p => (i == 0 ? "" : ".") + p.Property.Name,
                            Item n => $"[{n.Index}]",
                            MapValue v => $"{{{v.Key}}}",
                            MapKey k => $"{{key {k.Key}}}",
                            _ => "?",
                        }
                )
            );

        /// <summary>The path without list indexes and map keys: which declared property this is.</summary>
        public string Shape =>
            string.Concat(
                _steps.Select(s =>
                    s switch
                    {
                        Prop p => "." + p.Property.DeclaringType!.Name + "." + p.Property.Name,
                        Item => "[]",
                        MapKey => "{key}",
                        _ => "{}",
                    }
                )
            );

        public FleetSpec With(FleetSpec spec, string value) => (FleetSpec)Set(spec, 0, value)!;

        private object? Set(object? node, int at, string value)
        {
            if (at == _steps.Count)
                return value;
            switch (_steps[at])
            {
                case Prop p:
                    var copy = node!.GetType().GetMethod("<Clone>$")!.Invoke(node, null)!;
                    p.Property.SetValue(copy, Set(p.Property.GetValue(node), at + 1, value));
                    return copy;
                case Item n:
                    var items = ((IEnumerable)node!).Cast<object?>().ToList();
                    items[n.Index] = Set(items[n.Index], at + 1, value);
                    var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(ElementType(node!.GetType())))!;
                    foreach (var x in items)
                        list.Add(x);
                    return list;
                case MapValue v:
                    return new Dictionary<string, string>((IReadOnlyDictionary<string, string>)node!) { [v.Key] = value };
                case MapKey k:
                    var map = new Dictionary<string, string>((IReadOnlyDictionary<string, string>)node!);
                    var kept = map[k.Key];
                    map.Remove(k.Key);
                    map[value] = kept;
                    return map;
                default:
                    throw new InvalidOperationException();
            }
        }
    }

    public static IReadOnlyList<Field> Of(FleetSpec spec)
    {
        var found = new List<Field>();
        Walk(spec, [], found);
        return found;
    }

    /// <summary>Every settable string-holding property of the spec's records, as <see cref="Field.Shape"/> ends.</summary>
    public static IReadOnlySet<string> DeclaredShapes()
    {
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(FleetSpec).Assembly.GetTypes().Where(t => t.Namespace == typeof(FleetSpec).Namespace && IsSpecRecord(t)))
        {
            foreach (var p in Settable(type).Where(p => HoldsStrings(p.PropertyType)))
                shapes.Add("." + type.Name + "." + p.Name);
        }

        return shapes;
    }

    private static void Walk(object? node, List<Step> steps, List<Field> found)
    {
        switch (node)
        {
            case null:
                return;
            case string:
                found.Add(new Field(steps.ToList()));
                return;
            case IReadOnlyDictionary<string, string> map:
                foreach (var key in map.Keys)
                {
                    found.Add(new Field([.. steps, new MapKey(key)]));
                    found.Add(new Field([.. steps, new MapValue(key)]));
                }

                return;
            case IEnumerable list when node.GetType() != typeof(string):
                var i = 0;
                foreach (var item in list)
                    Walk(item, [.. steps, new Item(i++)], found);
                return;
        }

        if (!IsSpecRecord(node.GetType()))
            return;
        foreach (var p in Settable(node.GetType()))
            Walk(p.GetValue(node), [.. steps, new Prop(p)], found);
    }

    private static bool IsSpecRecord(Type t) => t.IsClass && t.GetMethod("<Clone>$") is not null;

    private static IEnumerable<PropertyInfo> Settable(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static bool HoldsStrings(Type t) => t == typeof(string) || t == typeof(IReadOnlyList<string>) || t == typeof(IReadOnlyDictionary<string, string>);

    private static Type ElementType(Type listType) =>
        listType.IsArray
            ? listType.GetElementType()!
            : listType
                .GetInterfaces()
                .Append(listType)
                .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .GetGenericArguments()[0];
}
