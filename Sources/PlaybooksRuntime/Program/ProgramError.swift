/// Why a `.pb` program could not be loaded or started, with the file and the line to look at.
///
/// ```swift
/// do {
///     let program = try Program.load(path: "Examples/order.pb")
/// } catch {
///     print(error)  // "Examples/order.pb:12: duplicate playbook `Main` in agent `OrderAgent` (first defined on line 5)"
/// }
/// ```
public struct ProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that wants to react to one case.
    public enum Kind: Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// The file is not valid UTF-8.
        case invalidEncoding
        /// The program has no `# AgentName` heading.
        case noAgent
        /// Two playbooks of one agent share a name.
        case duplicatePlaybook(name: String)
        /// A ```` ```python ```` block appears before the first agent heading.
        case pythonOutsideAgent
        /// A `## Playbook` heading appears before the first agent heading.
        case playbookOutsideAgent
        /// A code fence is opened and never closed.
        case unterminatedFence
        /// An H2 heading is not a playbook signature such as `Name(a, b) -> str`.
        case invalidSignature(heading: String)
        /// A python block does not parse or compile.
        case pythonSyntax
        /// Nothing to start: no start trigger and no `Main`.
        case noEntryPlaybook
        /// An `#` heading is not an agent: `Name`, `Name:AI`, `Name:Human` or `Name:MCP`.
        case invalidAgentHeading(heading: String)
        /// Two agents share a name.
        case duplicateAgent(name: String)
        /// Metadata lines (`key: value`) that do not read as YAML.
        case invalidMetadata
        /// The YAML front matter between `---` lines at the top does not read or is never closed.
        case invalidFrontMatter
        /// The program uses something this runtime does not support (yet); `name` says what.
        case unsupportedFeature(name: String)
    }

    public var kind: Kind
    /// The program file, as it was given.
    public var path: String
    /// The 1-based line in the `.pb` file; `nil` when the error concerns the whole file.
    public var line: Int?
    /// A sentence for people, without the file and line prefix.
    public var message: String

    public init(_ kind: Kind, path: String, line: Int?, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, the way compilers print errors.
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
