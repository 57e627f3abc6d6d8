import PlaybooksLanguage

/// Reads the Markdown structure of a `.pb` file into agents and playbooks.
///
/// One pass over the lines: `#` starts an agent, `##` a playbook section, `###` a part of that section
/// (`Triggers`, `Steps`, `Notes`, or any other title, kept in the description); fenced blocks are
/// skipped over as a whole so that nothing inside them is read as Markdown. Python blocks are parsed
/// (and compiled, to catch errors such as `return` outside a function) when their agent ends.
struct ProgramParser {
    let path: String
    let lines: [ProgramLine]

    /// An H2 section being read.
    private struct Section {
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

        mutating func startPart(_ title: String) {
            switch title.lowercased().trimmingEdges(":") {
            case "triggers", "trigger":
                part = .triggers
                if triggerLines == nil { triggerLines = [] }
            case "steps", "step":
                part = .steps
                if stepLines == nil { stepLines = [] }
            case "notes", "note":
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

    /// An H1 section being read.
    private struct AgentBuilder {
        var name: String
        var line: Int
        var descriptionLines: [String] = []
        var descriptionOpen = true
        var blocks: [(source: String, firstLine: Int)] = []
        var markdownPlaybooks: [PlaybookDefinition] = []
    }

    init(text: String, path: String) {
        self.path = path
        var lines: [ProgramLine] = []
        var number = 1
        for slice in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var bytes = Substring(slice).utf8[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            lines.append(ProgramLine(text: String(decoding: bytes, as: UTF8.self), number: number))
            number += 1
        }
        self.lines = lines
    }

    func parse() throws(ProgramError) -> [AgentDefinition] {
        var agents: [AgentDefinition] = []
        var agent: AgentBuilder? = nil
        var section: Section? = nil

        func closeSection() throws(ProgramError) {
            guard let current = section else { return }
            section = nil
            if let playbook = try markdownPlaybook(current, agentName: agent?.name ?? "") {
                agent?.markdownPlaybooks.append(playbook)
            }
        }
        func closeAgent() throws(ProgramError) {
            try closeSection()
            guard let current = agent else { return }
            agent = nil
            agents.append(try finish(current))
        }

        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let fence = CodeFence(opening: line.text) {
                var end = index + 1
                var body: [String] = []
                while end < lines.count, !fence.isClosing(lines[end].text) {
                    body.append(fence.dedent(lines[end].text))
                    end += 1
                }
                guard end < lines.count else {
                    throw ProgramError(
                        .unterminatedFence, path: path, line: line.number,
                        message: "code fence opened here (\(line.text.programTrimmed())) is never closed")
                }
                if fence.isPython {
                    guard agent != nil else {
                        throw ProgramError(
                            .pythonOutsideAgent, path: path, line: line.number,
                            message: "python block before the first agent: add an `# AgentName` heading above it")
                    }
                    agent?.descriptionOpen = false
                    agent?.blocks.append((body.map { $0 + "\n" }.joined(), line.number + 1))
                    section?.hasPython = true
                    section?.lastLine = lines[end].number
                } else if section != nil {
                    for fenced in lines[index...end] { section?.add(fenced) }
                } else {
                    agent?.descriptionOpen = false
                }
                index = end + 1
                continue
            }
            if let (level, title) = ProgramParser.heading(line.text), level <= 3 {
                switch level {
                case 1:
                    try closeAgent()
                    agent = AgentBuilder(name: title, line: line.number)
                case 2:
                    try closeSection()
                    guard agent != nil else {
                        throw ProgramError(
                            .playbookOutsideAgent, path: path, line: line.number,
                            message: "playbook `## \(title)` before the first agent: add an `# AgentName` heading above it")
                    }
                    agent?.descriptionOpen = false
                    section = Section(heading: title, line: line.number)
                default:
                    if section != nil {
                        section?.startPart(title)
                    } else {
                        agent?.descriptionOpen = false
                    }
                }
                index += 1
                continue
            }
            if section != nil {
                section?.add(line)
            } else if agent?.descriptionOpen == true {
                agent?.descriptionLines.append(line.text)
            }
            index += 1
        }
        try closeAgent()
        guard !agents.isEmpty else {
            throw ProgramError(
                .noAgent, path: path, line: 1, message: "no agent: a program needs an `# AgentName` heading")
        }
        return agents
    }

    /// `(level, title)` for an ATX heading line (`# Title`, `## Title ##`), else `nil`.
    static func heading(_ text: String) -> (Int, String)? {
        guard MarkdownList.indentation(of: text) <= 3 else { return nil }
        let rest = text.drop { $0 == " " }
        let hashes = rest.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let after = rest.dropFirst(hashes.count)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        var title = after.programTrimmed()
        // An optional closing sequence of #s preceded by a space.
        let closing = title.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let kept = title.dropLast(closing)
            if kept.isEmpty || kept.last == " " || kept.last == "\t" { title = kept.programTrimmed() }
        }
        return (hashes.count, title)
    }

    /// The Markdown playbook an H2 section defines; `nil` for a heading that only groups python blocks.
    private func markdownPlaybook(_ section: Section, agentName: String) throws(ProgramError) -> PlaybookDefinition? {
        if section.hasPython, section.stepLines == nil, section.triggerLines == nil { return nil }
        guard let signature = MarkdownSignature(parsing: section.heading) else {
            throw ProgramError(
                .invalidSignature(heading: section.heading), path: path, line: section.line,
                message: "`## \(section.heading)` is not a playbook signature: expected `Name`, `Name(params)` "
                    + "or `Name(params) -> ReturnType`")
        }
        var triggers: [PlaybookTrigger] = []
        if let lines = section.triggerLines {
            let list = MarkdownList(lines: lines)
            for paragraph in list.paragraphs { triggers.append(PlaybookTrigger(text: paragraph.text, line: paragraph.line)) }
            for item in list.items { triggers.append(PlaybookTrigger(text: item.text, line: item.line)) }
            triggers.sort { $0.line < $1.line }
        }
        var steps: [PlaybookStep] = []
        if let lines = section.stepLines {
            steps = ProgramParser.numberSteps(MarkdownList(lines: lines).items, playbook: signature.name, prefix: nil)
        }
        var notes: [(text: String, line: Int)] = []
        if let lines = section.noteLines {
            let list = MarkdownList(lines: lines)
            notes = list.paragraphs + list.items.map { (ProgramParser.render($0, depth: 0), $0.line) }
            notes.sort { $0.line < $1.line }
        }
        var description = ProgramParser.paragraphText(section.descriptionLines.map(\.text))
        for part in section.otherParts {
            let body = ProgramParser.paragraphText(part.lines.map(\.text))
            let text = body.isEmpty ? "### \(part.title)" : "### \(part.title)\n\(body)"
            description = description.isEmpty ? text : description + "\n\n" + text
        }
        return PlaybookDefinition(
            name: signature.name, kind: .markdown, agentName: agentName, parameters: signature.parameters,
            returnType: signature.returnType, signature: signature.text, description: description,
            line: section.line, lastLine: section.lastLine, triggers: triggers, steps: steps,
            notes: notes.map(\.text))
    }

    /// Gives list items their step ids: `Name:01`, `Name:01.01`, ...
    static func numberSteps(_ items: [MarkdownList.Item], playbook: String, prefix: String?) -> [PlaybookStep] {
        var steps: [PlaybookStep] = []
        for (offset, item) in items.enumerated() {
            let number = offset + 1
            let digits = number < 10 ? "0\(number)" : "\(number)"
            let path = prefix.map { "\($0).\(digits)" } ?? digits
            steps.append(
                PlaybookStep(
                    id: "\(playbook):\(path)", kind: StepKind.infer(from: item.text), text: item.text, line: item.line,
                    children: numberSteps(item.children, playbook: playbook, prefix: path)))
        }
        return steps
    }

    /// An item and its nested items as Markdown text, the item itself without a bullet.
    static func render(_ item: MarkdownList.Item, depth: Int) -> String {
        var text = item.text
        for child in item.children {
            text += "\n" + String(repeating: "  ", count: depth + 1) + "- " + render(child, depth: depth + 1)
        }
        return text
    }

    /// Lines with trailing spaces removed, joined, and trimmed as a whole.
    static func paragraphText(_ lines: [String]) -> String {
        var kept: [String] = []
        for line in lines {
            var view = Substring(line)
            while let last = view.last, last.isWhitespace { view = view.dropLast() }
            kept.append(String(view))
        }
        return kept.joined(separator: "\n").programTrimmed()
    }

    /// Parses and compiles the agent's python blocks and gathers its playbooks.
    private func finish(_ builder: AgentBuilder) throws(ProgramError) -> AgentDefinition {
        var blocks: [PythonBlock] = []
        var playbooks = builder.markdownPlaybooks
        for raw in builder.blocks {
            let module: Module
            do throws(SyntaxError) {
                module = try Parser.parse(raw.source, firstLine: raw.firstLine)
                _ = try Compiler.compile(module, filename: path, namespace: Namespace())
            } catch {
                throw ProgramError(
                    .pythonSyntax, path: path, line: error.line,
                    message: "\(error.kind): \(error.message) (python block of agent `\(builder.name)`)")
            }
            let block = PythonBlock(source: raw.source, firstLine: raw.firstLine, agentName: builder.name, module: module)
            blocks.append(block)
            playbooks += PythonPlaybookScanner.playbooks(in: block)
        }
        playbooks.sort { $0.line < $1.line }
        var firstLines: [String: Int] = [:]
        for playbook in playbooks {
            if let first = firstLines[playbook.name] {
                throw ProgramError(
                    .duplicatePlaybook(name: playbook.name), path: path, line: playbook.line,
                    message: "duplicate playbook `\(playbook.name)` in agent `\(builder.name)` (first defined on line \(first))")
            }
            firstLines[playbook.name] = playbook.line
        }
        return AgentDefinition(
            name: builder.name, description: ProgramParser.paragraphText(builder.descriptionLines), line: builder.line,
            playbooks: playbooks, pythonBlocks: blocks)
    }
}

extension String {
    /// The text without the given characters at either end.
    fileprivate func trimmingEdges(_ set: Character) -> String {
        var view = Substring(self)
        while view.first == set { view = view.dropFirst() }
        while view.last == set { view = view.dropLast() }
        return String(view)
    }
}
