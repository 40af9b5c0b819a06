using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Evolink.HelpBuilder;

/// <summary>
/// Parameter defaults, read from the constants that constructors store into
/// auto-property backing fields (<c>public int X { get; set; } = 300;</c>),
/// without running any code: the PowerShell assembly here is a stub.
/// </summary>
public static class ConstructorDefaults
{
    /// <summary>Type full name → property name → default, as text.</summary>
    public static Dictionary<string, Dictionary<string, string>> Read(string assemblyPath, ISet<string> typeNames)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new Dictionary<string, Dictionary<string, string>>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var name = $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
            if (!typeNames.Contains(name))
                continue;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (reader.GetString(method.Name) != ".ctor" || method.RelativeVirtualAddress == 0)
                    continue;
                result[name] = Decode(reader, pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!, name);
            }
        }
        return result;
    }

    private static Dictionary<string, string> Decode(MetadataReader reader, byte[] il, string typeName)
    {
        var defaults = new Dictionary<string, string>();
        string? constant = null;
        var at = 0;
        while (at < il.Length)
        {
            var op = il[at++];
            switch (op)
            {
                case 0x00: case 0x02: break;                                   // nop, ldarg.0
                case 0x14: constant = null; break;                             // ldnull
                case >= 0x15 and <= 0x1E: constant = (op - 0x16).ToString(CultureInfo.InvariantCulture); break; // ldc.i4.m1 … ldc.i4.8
                case 0x1F: constant = ((sbyte)il[at]).ToString(CultureInfo.InvariantCulture); at += 1; break;
                case 0x20: constant = BitConverter.ToInt32(il, at).ToString(CultureInfo.InvariantCulture); at += 4; break;
                case 0x21: constant = BitConverter.ToInt64(il, at).ToString(CultureInfo.InvariantCulture); at += 8; break;
                case 0x22: constant = BitConverter.ToSingle(il, at).ToString(CultureInfo.InvariantCulture); at += 4; break;
                case 0x23: constant = BitConverter.ToDouble(il, at).ToString(CultureInfo.InvariantCulture); at += 8; break;
                case 0x72: constant = reader.GetUserString(MetadataTokens.UserStringHandle(BitConverter.ToInt32(il, at) & 0xFFFFFF)); at += 4; break;
                case 0x7D:                                                      // stfld
                    var field = reader.GetFieldDefinition(MetadataTokens.FieldDefinitionHandle(BitConverter.ToInt32(il, at) & 0xFFFFFF));
                    var fieldName = reader.GetString(field.Name);
                    if (constant is not null && fieldName.StartsWith("<", StringComparison.Ordinal) && fieldName.EndsWith(">k__BackingField", StringComparison.Ordinal))
                        defaults[fieldName.Substring(1, fieldName.IndexOf('>') - 1)] = constant;
                    constant = null;
                    at += 4;
                    break;
                case 0x73: case 0x28: case 0x7E: constant = null; at += 4; break; // newobj, call, ldsfld
                case 0x2A: return defaults;                                     // ret
                default:
                    throw new InvalidOperationException($"The constructor of {typeName} does something the help builder cannot read (IL opcode 0x{op:X2}); " +
                        "keep cmdlet constructors to constant property initialisers, or teach ConstructorDefaults the opcode.");
            }
        }
        return defaults;
    }
}
