namespace Evolink.Generation;

/// <summary>What a generation task makes: each kind has its own endpoint and result type.</summary>
public enum GenerationKind
{
    Image,
    Video,
    Audio,
}
