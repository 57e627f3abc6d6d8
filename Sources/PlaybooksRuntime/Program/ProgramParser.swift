import Foundation

/// Reads the Markdown structure of a `.pb` file into agents and playbooks.
///
/// One pass over the lines: `#` starts an agent, `##` a playbook section, `###` a part of that section
/// (`Triggers`, `Steps`, `Notes`, or any other title, kept in the description); fenced blocks are
/// skipped over as a whole so that nothing inside them is read as Markdown. Python blocks are parsed
/// (and compiled, to catch errors such as `return` outside a function) when their agent ends.
/// Before the first agent: a `#!` line and YAML front matter. HTML comments are skipped, `<tag>` ...
/// `</tag>` blocks are plain text, `key: value` lines under `#`/`##` are metadata
/// (``splitMetadata(_:)``). The rules are listed in `docs/PB-FORMAT.md`.
struct ProgramParser {
    let path: String
    let lines: [ProgramLine]
    /// Lenient readings and other notes gathered while parsing.
    var notices: [ProgramNotice] = []

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

    mutating func parse() throws(ProgramError) -> ParsedProgram {
        var agents: [AgentDefinition] = []
        var agent: ProgramAgentBuilder? = nil
        var section: ProgramSection? = nil
        var frontMatter = Metadata()

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
            if let first = agents.first(where: { $0.name == current.name }) {
                throw ProgramError(
                    .duplicateAgent(name: current.name), path: path, line: current.line,
                    message: "duplicate agent `\(current.name)` (first defined on line \(first.line))")
            }
            agents.append(try finish(current))
        }
        /// Text for the open section, else the agent's description while it is open.
        func addText(_ line: ProgramLine) {
            if section != nil {
                section?.add(line)
            } else if agent?.descriptionOpen == true {
                agent?.descriptionLines.append(line)
            }
        }

        var index = 0
        // `#!/usr/bin/env pb`: the program is a script.
        if let first = lines.first, first.text.hasPrefix("#!") { index = 1 }
        while index < lines.count, lines[index].text.programTrimmed().isEmpty { index += 1 }
        if index < lines.count, lines[index].text.programTrimmed() == "---" {
            let open = lines[index]
            var end = index + 1
            while end < lines.count, !["---", "..."].contains(lines[end].text.programTrimmed()) { end += 1 }
            guard end < lines.count else {
                throw ProgramError(
                    .invalidFrontMatter, path: path, line: open.number,
                    message: "front matter opened here with `---` is never closed with `---`")
            }
            do throws(ProgramError) {
                frontMatter = try MetadataParser.parse(Array(lines[(index + 1)..<end]), path: path)
            } catch {
                throw ProgramError(.invalidFrontMatter, path: path, line: error.line, message: "front matter: " + error.message)
            }
            index = end + 1
        }

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
                    for var fenced in lines[index...end] {
                        fenced.opaque = true
                        section?.add(fenced)
                    }
                } else {
                    agent?.descriptionOpen = false
                }
                index = end + 1
                continue
            }
            if let end = htmlCommentEnd(from: index) {
                index = end + 1
                continue
            }
            if let end = ProgramParser.xmlBlockEnd(in: lines, from: index) {
                for var tagged in lines[index...end] {
                    tagged.opaque = true
                    addText(tagged)
                }
                index = end + 1
                continue
            }
            let trimmed = line.text.programTrimmed()
            if trimmed.hasPrefix("!import ") || trimmed == "!import" {
                throw ProgramError(
                    .unsupportedFeature(name: "!import"), path: path, line: line.number,
                    message: "`\(trimmed)`: `!import` of other files is not supported yet; paste the file's text here instead")
            }
            if let (level, title) = ProgramParser.heading(line.text), level <= 3 {
                switch level {
                case 1:
                    try closeAgent()
                    let (name, kind) = try agentHeading(title, line: line.number)
                    agent = ProgramAgentBuilder(name: name, heading: title, kind: kind, line: line.number)
                case 2 where section != nil && ProgramSection.knownPart(title) != nil:
                    // `## Steps` right under a playbook: the author meant `### Steps`.
                    notices.append(
                        ProgramNotice(
                            .lenient, line: line.number,
                            message: "`## \(title)` read as `### \(title)` of playbook `\(section?.heading ?? "")`"))
                    section?.startPart(title)
                case 2:
                    try closeSection()
                    guard agent != nil else {
                        throw ProgramError(
                            .playbookOutsideAgent, path: path, line: line.number,
                            message: "playbook `## \(title)` before the first agent: add an `# AgentName` heading above it")
                    }
                    agent?.descriptionOpen = false
                    section = ProgramSection(heading: title, line: line.number)
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
            addText(line)
            index += 1
        }
        try closeAgent()
        guard !agents.isEmpty else {
            throw ProgramError(
                .noAgent, path: path, line: 1, message: "no agent: a program needs an `# AgentName` heading")
        }
        return ParsedProgram(agents: agents, frontMatter: frontMatter, notices: notices)
    }

    /// The agent's name and kind from its `#` heading: `Name`, `Name:AI`, `Name:Human`, `Name:MCP`;
    /// a name in words (`Head Chef`) becomes an identifier (`HeadChef`).
    func agentHeading(_ title: String, line: Int) throws(ProgramError) -> (String, AgentDefinition.Kind) {
        var namePart = title
        var kind = AgentDefinition.Kind.ai
        if let colon = title.lastIndex(of: ":") {
            let type = title[title.index(after: colon)...].programTrimmed()
            switch type.lowercased() {
            case "ai": kind = .ai
            case "human": kind = .human
            case "mcp": kind = .mcp
            default:
                throw ProgramError(
                    .invalidAgentHeading(heading: title), path: path, line: line,
                    message: "`# \(title)`: unknown agent type `\(type)`: expected `Name`, `Name:AI`, `Name:Human` or `Name:MCP`")
            }
            namePart = String(title[title.startIndex..<colon])
        }
        guard let name = ProgramNames.identifier(from: namePart) else {
            throw ProgramError(
                .invalidAgentHeading(heading: title), path: path, line: line,
                message: "`# \(title)` is not an agent name: expected words or an identifier such as `OrderAgent`")
        }
        return (name, kind)
    }

    /// The index of the line that ends an HTML comment opened at `index` (`<!-- ... -->`, which may
    /// span lines); `nil` when the line does not open one. An unclosed comment runs to the end.
    mutating func htmlCommentEnd(from index: Int) -> Int? {
        let text = lines[index].text
        guard MarkdownList.indentation(of: text) <= 3, let open = text.range(of: "<!--") else { return nil }
        guard text[text.startIndex..<open.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        if text[open.upperBound...].contains("-->") { return index }
        var end = index + 1
        while end < lines.count {
            if lines[end].text.contains("-->") { return end }
            end += 1
        }
        notices.append(
            ProgramNotice(.lenient, line: lines[index].number, message: "HTML comment never closed: the rest of the file is a comment"))
        return lines.count - 1
    }

    /// The index of the `</tag>` line that closes a `<tag>` line at `index`. Between them nothing is
    /// read as Markdown structure (headings, metadata, steps): prompts often hold such blocks.
    static func xmlBlockEnd(in lines: [ProgramLine], from index: Int) -> Int? {
        let trimmed = lines[index].text.programTrimmed()
        guard trimmed.count > 2, trimmed.hasPrefix("<"), trimmed.hasSuffix(">") else { return nil }
        let name = trimmed.dropFirst().dropLast()
        guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else { return nil }
        let closing = "</\(name)>"
        var end = index + 1
        while end < lines.count {
            if lines[end].text.programTrimmed() == closing { return end }
            end += 1
        }
        return nil
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
}
