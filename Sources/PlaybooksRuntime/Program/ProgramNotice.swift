/// Something worth knowing about a program that loaded: a lenient reading of the Markdown, or a
/// feature that is parsed but not run yet. `playbooks check` prints them.
public struct ProgramNotice: Sendable, Equatable, CustomStringConvertible {
    /// What kind of notice this is.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The text was read in a forgiving way (e.g. `## Steps` taken as `### Steps`).
        case lenient
        /// The feature is parsed and kept in the program, but the runtime does not run it yet.
        case notRunYet = "not-run-yet"
    }

    public var kind: Kind
    /// The `.pb` line it concerns, when there is one.
    public var line: Int?
    /// A sentence for people.
    public var message: String

    public init(_ kind: Kind, line: Int?, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line N: message` (or the message alone).
    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
