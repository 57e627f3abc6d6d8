/// An H2 section of a `.pb` file being read: a playbook's heading, description and `###` parts.
struct ProgramSection {
    var heading: String
    var line: Int
    var lastLine: Int
    var descriptionLines: [ProgramLine] = []
    var triggerLines: [ProgramLine]? = nil
    var stepLines: [ProgramLine]? = nil
    var noteLines: [ProgramLine]? = nil
    var otherParts: [(title: String, lines: [ProgramLine])] = []
    /// Which part text goes to now.
    var part: Part = .description
    var hasPython = false

    enum Part { case description, triggers, steps, notes, other }

    init(heading: String, line: Int) {
        self.heading = heading
        self.line = line
        self.lastLine = line
    }

    /// The part a `###` title names: `Triggers`, `Steps`, `Notes` (singular too, any case, a trailing
    /// colon allowed), else `nil`.
    static func knownPart(_ title: String) -> Part? {
        var lowered = title.lowercased()
        while lowered.last == ":" { lowered.removeLast() }
        switch lowered.programTrimmed() {
        case "triggers", "trigger": return .triggers
        case "steps", "step": return .steps
        case "notes", "note": return .notes
        default: return nil
        }
    }

    mutating func startPart(_ title: String) {
        switch ProgramSection.knownPart(title) {
        case .triggers:
            part = .triggers
            if triggerLines == nil { triggerLines = [] }
        case .steps:
            part = .steps
            if stepLines == nil { stepLines = [] }
        case .notes:
            part = .notes
            if noteLines == nil { noteLines = [] }
        default:
            part = .other
            otherParts.append((title, []))
        }
    }

    mutating func add(_ line: ProgramLine) {
        if !line.text.programTrimmed().isEmpty { lastLine = line.number }
        switch part {
        case .description: descriptionLines.append(line)
        case .triggers: triggerLines?.append(line)
        case .steps: stepLines?.append(line)
        case .notes: noteLines?.append(line)
        case .other:
            if !otherParts.isEmpty { otherParts[otherParts.count - 1].lines.append(line) }
        }
    }
}

/// An H1 section of a `.pb` file being read: an agent.
struct ProgramAgentBuilder {
    var name: String
    var heading: String
    var kind: AgentDefinition.Kind
    var line: Int
    var descriptionLines: [ProgramLine] = []
    var descriptionOpen = true
    var blocks: [(source: String, firstLine: Int)] = []
    var markdownPlaybooks: [PlaybookDefinition] = []
}

/// What ``ProgramParser`` reads from a file.
struct ParsedProgram {
    var agents: [AgentDefinition]
    var frontMatter: Metadata
    var notices: [ProgramNotice]
}
