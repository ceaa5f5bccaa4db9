using System.Reflection;
using System.Reflection.Emit;

namespace Asclepius.TextMining.TestKit;

/// <summary>
/// Finds every <c>newobj</c> of a type's constructors in an assembly's IL (lambdas, iterators and async
/// state machines included: they are compiler-made types of the same assembly) and records the opcode that
/// pushed the last argument, e.g. <c>ldnull</c> when an optional argument was left at its null default.
/// </summary>
public static class IlScan
{
    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(c => c.Value);

    public sealed record Construction(string Method, OpCode LastArgument);

    public static IReadOnlyList<Construction> Constructions(Assembly assembly, Type constructed)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Construction>();
        foreach (var type in assembly.GetTypes())
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null) continue;
                var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
                var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
                var previous = OpCodes.Nop;
                for (var at = 0; at < il.Length;)
                {
                    var code = il[at] == 0xFE ? Codes[(short)(0xFE00 | il[at + 1])] : Codes[il[at]];
                    at += code.Size;
                    if (code == OpCodes.Newobj)
                    {
                        var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArgs, methodArgs);
                        if (target?.DeclaringType == constructed)
                            found.Add(new Construction($"{type.FullName}.{method.Name}", previous));
                    }
                    at += OperandSize(code, il, at);
                    previous = code;
                }
            }
        return found;
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
