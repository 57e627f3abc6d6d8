import Foundation
import PlaybooksDurability

/// How to run a program, from `playbooks.toml` next to it; every setting has a default, so the file is
/// optional.
///
/// ```toml
/// [durability]
/// enabled = true
/// level = "process"                     # or "machine"
/// store = "sqlite:.playbooks/state.db"  # or "files:DIR"; relative to the program's directory
/// snapshot_every = 64
/// keep_last_n = 0
///
/// [limits]
/// recursion_limit = 1000
/// timeout_seconds = 30
///
/// [llm]
/// provider = "scripted"
/// script = "replies.md"
/// ```
///
/// ```swift
/// let config = try RunConfiguration.load(forProgramAt: "Examples/order.pb")
/// if config.durability.enabled { print(config.durability.store) }  // sqlite:/abs/Examples/.playbooks/state.db
/// ```
public struct RunConfiguration: Sendable, Equatable {
    /// The name of the configuration file looked for beside a program.
    public static let fileName = "playbooks.toml"

    public var durability: DurabilityConfiguration
    public var limits: LimitsConfiguration
    public var llm: LLMConfiguration
    /// The file the settings were read from; `nil` when they are all defaults.
    public var file: String?

    public init(
        durability: DurabilityConfiguration = DurabilityConfiguration(), limits: LimitsConfiguration = LimitsConfiguration(),
        llm: LLMConfiguration = LLMConfiguration(), file: String? = nil
    ) {
        self.durability = durability
        self.limits = limits
        self.llm = llm
        self.file = file
    }

    /// Parses TOML text. `file` names the file in errors. When `baseDirectory` is given, relative paths
    /// (the store, the LLM script) are resolved against it; otherwise they stay as written.
    public init(
        parsingTOML text: String, file: String = RunConfiguration.fileName, baseDirectory: String? = nil
    )
        throws(ConfigurationError)
    {
        var reader = try RunConfigurationReader(text: text, file: file)
        self = try reader.read()
        self.file = file
        if let baseDirectory { self = resolvingPaths(against: baseDirectory) }
    }

    /// The configuration for the program at `programPath`: `playbooks.toml` in the program's directory
    /// if there is one, else the defaults; relative paths resolved against the program's directory.
    public static func load(forProgramAt programPath: String) throws(ConfigurationError) -> RunConfiguration {
        let directory = ConfigurationPath.directory(of: programPath)
        let parent = (programPath as NSString).deletingLastPathComponent
        let file = parent.isEmpty ? fileName : (parent as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file) else {
            return RunConfiguration().resolvingPaths(against: directory)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, key: nil, message: "cannot read the file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigurationError(file: file, key: nil, message: "the file is not valid UTF-8")
        }
        return try RunConfiguration(parsingTOML: text, file: file, baseDirectory: directory)
    }

    /// The same configuration with relative paths (the store, the LLM script) made absolute against
    /// `directory`.
    public func resolvingPaths(against directory: String) -> RunConfiguration {
        var copy = self
        copy.durability = durability.resolvingStore(against: directory)
        if let script = llm.script { copy.llm.script = ConfigurationPath.resolve(script, against: directory) }
        return copy
    }
}
