/// Why `playbooks.toml` could not be used, naming the file and the key.
///
/// ```swift
/// // playbooks.toml: durability.level must be "process" or "machine", got "disk"
/// ```
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration file, as named when it was read.
    public var file: String
    /// The dotted key the error is about (`durability.level`); `nil` for a TOML syntax error.
    public var key: String?
    /// The 1-based line of a TOML syntax error.
    public var line: Int?
    /// What was expected and what was found, including the key.
    public var message: String

    public init(file: String, key: String?, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file: message`, or `file:line: message` for a syntax error.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
