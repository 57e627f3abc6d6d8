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

    /// The three kinds of trigger of the original Playbooks (its `T1:BGN`, `T1:CND`, `T1:EVT` labels).
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The program (or agent) starts.
        case begin = "BGN"
        /// A condition over state variables holds, e.g. `When $x > 15`.
        case condition = "CND"
        /// Something happens: a message, a call, an invitation, something the user says.
        case event = "EVT"
    }

    /// The trigger's kind: a `T1:BGN`/`T1:CND`/`T1:EVT` label when written, else ``Kind/begin`` for a
    /// start trigger, ``Kind/condition`` when the text names a `$variable`, else ``Kind/event``.
    public var kind: Kind {
        let words = text.split(separator: " ", maxSplits: 1)
        if let label = words.first, let colon = label.lastIndex(of: ":"),
            let written = Kind(rawValue: String(label[label.index(after: colon)...]).uppercased())
        {
            return written
        }
        if isStartTrigger { return .begin }
        var previous: Character = " "
        for ch in text {
            if previous == "$", ch.isLetter || ch == "_" { return .condition }
            previous = ch
        }
        return .event
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
            "at the beginning", "in the beginning", "when programs starts", "at the start", "at start", "at startup", "on start",
            "on startup",
            "when program starts", "when the program starts", "when program begins", "when the program begins",
            "when agent starts", "when the agent starts", "at program start", "on program start",
        ]
        return starts.contains { phrase == $0 || phrase.hasPrefix($0 + " ") }
    }
}
