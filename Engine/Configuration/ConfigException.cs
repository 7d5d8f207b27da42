namespace BosonicTrajectories.Configuration;

/// <summary>One problem in a config: the JSON path (e.g. <c>model.baths[1].chemicalPotential</c>) and what would be valid.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a config has problems; carries all of them (exit code 2).</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString()))) => Errors = errors;

    public ConfigException(string path, string message) : this([new ConfigError(path, message)]) { }

    public IReadOnlyList<ConfigError> Errors { get; }
}
