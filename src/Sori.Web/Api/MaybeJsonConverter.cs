using System.Text.Json;
using System.Text.Json.Serialization;
using Sori.Core.Common;

namespace Sori.Web.Api;

/// <summary>Reads PATCH fields so that an absent property stays unset and an explicit null clears.</summary>
public sealed class MaybeJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Maybe<>);

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(MaybeConverter<>).MakeGenericType(t.GetGenericArguments()[0]))!;

    private sealed class MaybeConverter<T> : JsonConverter<Maybe<T>>
    {
        public override bool HandleNull => true;

        public override Maybe<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(true, JsonSerializer.Deserialize<T>(ref reader, options)!);

        public override void Write(Utf8JsonWriter writer, Maybe<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet) JsonSerializer.Serialize(writer, value.Value, options);
            else writer.WriteNullValue();
        }
    }
}
