import PlaybooksLanguage

extension ProgramParser {
    /// The Markdown playbook an H2 section defines; `nil` for a heading that only groups python blocks.
    func markdownPlaybook(_ section: ProgramSection, agentName: String) throws(ProgramError) -> PlaybookDefinition? {
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
        let (metadata, splitLines) = try splitMetadata(section.descriptionLines)
        var descriptionLines = splitLines
        var stepLines = section.stepLines
        if stepLines == nil, let (steps, rest) = ProgramParser.leadingList(descriptionLines) {
            // `## A2P4` followed directly by `- Welcome the user`: a list without `### Steps`.
            stepLines = steps
            descriptionLines = rest
        }
        var steps: [PlaybookStep] = []
        if let lines = stepLines {
            steps = ProgramParser.numberSteps(MarkdownList(lines: lines).items, playbook: signature.name, prefix: nil)
        }
        var notes: [(text: String, line: Int)] = []
        if let lines = section.noteLines {
            let list = MarkdownList(lines: lines)
            notes = list.paragraphs + list.items.map { (ProgramParser.render($0, depth: 0), $0.line) }
            notes.sort { $0.line < $1.line }
        }
        var description = ProgramParser.paragraphText(descriptionLines.map(\.text))
        for part in section.otherParts {
            let body = ProgramParser.paragraphText(part.lines.map(\.text))
            let text = body.isEmpty ? "### \(part.title)" : "### \(part.title)\n\(body)"
            description = description.isEmpty ? text : description + "\n\n" + text
        }
        return PlaybookDefinition(
            name: signature.name, kind: .markdown, agentName: agentName, parameters: signature.parameters,
            returnType: signature.returnType, signature: signature.text, description: description,
            line: section.line, lastLine: section.lastLine, triggers: triggers, steps: steps,
            notes: notes.map(\.text), parameterDetails: signature.parameterDetails, metadata: metadata,
            heading: section.heading)
    }

    /// Takes the `key: value` metadata out of description lines: a line at the start of the line whose
    /// key is lowercase snake_case (``MetadataParser/isMetadataLine(_:)``), with the indented lines
    /// under it; a `metadata:` block's entries count as written at the top level. `---` lines
    /// (separators) are dropped too. Lines inside fences and XML-style blocks are never metadata.
    func splitMetadata(_ lines: [ProgramLine]) throws(ProgramError) -> (Metadata, [ProgramLine]) {
        var metadata = Metadata()
        var kept: [ProgramLine] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.text.programTrimmed()
            if !line.opaque, MetadataParser.isMetadataLine(line.text) {
                let hasInlineValue = MetadataParser.splitKey(trimmed).map { !$0.1.isEmpty } ?? false
                var block = [line]
                var end = index + 1
                while end < lines.count, !lines[end].opaque {
                    let text = lines[end].text
                    let inner = text.programTrimmed()
                    if inner.isEmpty { break }
                    let indented = MarkdownList.indentation(of: text) > 0
                    let sameColumnItem = !hasInlineValue && (inner.hasPrefix("- ") || inner == "-")
                    guard indented || sameColumnItem else { break }
                    block.append(lines[end])
                    end += 1
                }
                for entry in try MetadataParser.parse(block, path: path).entries {
                    if entry.key == "metadata", case .map(let inner) = entry.value {
                        metadata.merge(inner)
                    } else {
                        metadata[entry.key] = entry.value
                    }
                }
                index = end
                continue
            }
            if !line.opaque, trimmed.count >= 3, trimmed.allSatisfy({ $0 == "-" }) {
                index += 1
                continue
            }
            kept.append(line)
            index += 1
        }
        return (metadata, kept)
    }

    /// When the first text of a description is a bullet list, the list's lines and the lines after it.
    static func leadingList(_ lines: [ProgramLine]) -> ([ProgramLine], [ProgramLine])? {
        guard let start = lines.firstIndex(where: { !$0.text.programTrimmed().isEmpty }) else { return nil }
        let first = lines[start]
        guard !first.opaque, MarkdownList.bulletContent(first.text.programTrimmed()) != nil else { return nil }
        var end = start
        while end < lines.count {
            let text = lines[end].text
            let trimmed = text.programTrimmed()
            let continues =
                trimmed.isEmpty || MarkdownList.indentation(of: text) > 0 || MarkdownList.bulletContent(trimmed) != nil
            if !continues || lines[end].opaque { break }
            end += 1
        }
        return (Array(lines[start..<end]), Array(lines[end...]))
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

    /// Parses and compiles the agent's python blocks, reads its metadata and gathers its playbooks.
    func finish(_ builder: ProgramAgentBuilder) throws(ProgramError) -> AgentDefinition {
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
        let (metadata, descriptionLines) = try splitMetadata(builder.descriptionLines)
        var kind = builder.kind
        if case .map(let remote) = metadata["remote"] {
            let type = remote["type"]?.stringValue?.lowercased() ?? "mcp"
            guard type == "mcp" else {
                throw ProgramError(
                    .unsupportedFeature(name: "remote agent of type \(type)"), path: path, line: builder.line,
                    message: "agent `\(builder.name)`: remote agents of type `\(type)` are not supported (only `mcp`)")
            }
            kind = .mcp
        }
        return AgentDefinition(
            name: builder.name, description: ProgramParser.paragraphText(descriptionLines.map(\.text)), line: builder.line,
            playbooks: playbooks, pythonBlocks: blocks, kind: kind, heading: builder.heading, metadata: metadata)
    }
}
