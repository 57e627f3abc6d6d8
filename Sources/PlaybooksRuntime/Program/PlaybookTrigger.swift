/// One entry of a playbook's `### Triggers` list (or of `@playbook(triggers=[...])`).
public struct PlaybookTrigger: Sendable, Equatable {
    /// The trigger as written, e.g. `At the beginning` or `When the user asks about an order`.
    public var text: String
    /// The `.pb` line it is on.
    public var line: Int
    /// True for triggers that start the program, see ``isStartTrigger(_:)``.
    public var isStartTrigger: Bool

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
        self.isStartTrigger = PlaybookTrigger.isStartTrigger(text)
    }

    /// Whether `text` means "when the program starts". Compared case-insensitively after dropping
    /// leading `T1:BGN`-style labels and punctuation; recognised phrases: `at the beginning`,
    /// `at the start`, `at start`, `at startup`, `on start`, `on startup`, `when (the) program starts`,
    /// `when (the) program begins`, `when (the) agent starts`, `at program start`, `on program start`,
    /// `begin`, `BGN`.
    public static func isStartTrigger(_ text: String) -> Bool {
        var words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        // "T1:BGN At the beginning": drop a leading label such as "t1".
        if let first = words.first, first.count <= 3, first.hasPrefix("t"), first.dropFirst().allSatisfy(\.isNumber) {
            words.removeFirst()
        }
        if words == ["bgn"] || words == ["begin"] { return true }
        if words.first == "bgn" { words.removeFirst() }
        let phrase = words.joined(separator: " ")
        let starts = [
            "at the beginning", "at the start", "at start", "at startup", "on start", "on startup",
            "when program starts", "when the program starts", "when program begins", "when the program begins",
            "when agent starts", "when the agent starts", "at program start", "on program start",
        ]
        return starts.contains { phrase == $0 || phrase.hasPrefix($0 + " ") }
    }
}
