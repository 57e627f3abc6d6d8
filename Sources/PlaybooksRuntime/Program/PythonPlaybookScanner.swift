import Foundation
import PlaybooksLanguage

/// Finds the `@playbook` functions at the top level of a parsed python block.
///
/// Recognised decorators: `@playbook` and `@playbook(...)`; in the call form a `triggers=[...]`
/// keyword whose items are string literals gives the playbook its triggers. Other top-level
/// functions, classes and statements are helpers: they are compiled with the block but are not
/// playbooks.
enum PythonPlaybookScanner {
    static func playbooks(in block: PythonBlock) -> [PlaybookDefinition] {
        var found: [PlaybookDefinition] = []
        for statement in block.module.body {
            guard case .functionDef(let function) = statement.kind else { continue }
            guard let decorator = function.decorators.first(where: isPlaybookDecorator) else { continue }
            let parameters = parameterNames(function.parameters)
            let written = writtenSignature(of: function.name, in: block, line: statement.line)
            // The details come from the source text (the syntax tree keeps no annotations); they are
            // used only when they name the same parameters as the tree.
            let details = written.map(\.parameters).flatMap { $0.map(\.name) == parameters ? $0 : nil }
            found.append(
                PlaybookDefinition(
                    name: function.name, kind: .python, agentName: block.agentName, parameters: parameters,
                    returnType: written?.returnType,
                    signature: "\(function.name)(\(parameters.joined(separator: ", ")))",
                    description: docstring(function.body), line: statement.line, lastLine: statement.endLine,
                    triggers: triggers(decorator: decorator, line: statement.line),
                    isAsync: function.isAsync, pythonBlock: block, parameterDetails: details,
                    metadata: metadata(decorator: decorator)))
        }
        return found
    }

    static func isPlaybookDecorator(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .name(let name): return name == "playbook"
        case .call(let callee, _, _):
            if case .name(let name) = callee.kind { return name == "playbook" }
            return false
        default: return false
        }
    }

    static func parameterNames(_ parameters: Parameters) -> [String] {
        var names = parameters.positionalOnly.map(\.name) + parameters.positional.map(\.name)
        if let varargs = parameters.varargs { names.append("*" + varargs) }
        names += parameters.keywordOnly.map(\.name)
        if let kwargs = parameters.kwargs { names.append("**" + kwargs) }
        return names
    }

    /// The function's docstring, each line trimmed, or "".
    static func docstring(_ body: [Stmt]) -> String {
        guard let first = body.first, case .expr(let expr) = first.kind, case .constant(.str(let text)) = expr.kind else {
            return ""
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.programTrimmed() }
        return lines.joined(separator: "\n").programTrimmed()
    }

    /// The parameters (with annotations and defaults) and return annotation of `def name(...)` as
    /// written in the block's source at `.pb` line `line`.
    static func writtenSignature(
        of name: String, in block: PythonBlock, line: Int
    )
        -> (parameters: [PlaybookParameter], returnType: String?)?
    {
        let sourceLines = block.source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = line - block.firstLine
        guard start >= 0, start < sourceLines.count else { return nil }
        let text = sourceLines[start...].joined(separator: "\n")
        guard let def = text.range(of: "def \(name)") else { return nil }
        var rest = text[def.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard rest.first == "(", let close = MarkdownSignature.matchingParenthesis(in: rest) else { return nil }
        let inner = rest[rest.index(after: rest.startIndex)..<close]
        // Comments and line breaks inside the list are not part of any parameter.
        let flattened = inner.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let hash = line.firstIndex(of: "#") else { return line }
            return line[line.startIndex..<hash]
        }.joined(separator: " ")
        guard let parameters = MarkdownSignature.parameterDetails(in: Substring(flattened), allowSeparators: true) else {
            return nil
        }
        rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        var returnType: String? = nil
        if rest.hasPrefix("->") {
            let annotation = rest.dropFirst(2).prefix { $0 != "\n" }
            if let colon = annotation.lastIndex(of: ":") {
                let written = annotation[annotation.startIndex..<colon].programTrimmed()
                if !written.isEmpty { returnType = written }
            }
        }
        return (parameters, returnType)
    }

    /// The keyword arguments of `@playbook(...)` other than `triggers`, as metadata (`public=True` is
    /// `public: true`); values that are not constants or lists of constants are left out.
    static func metadata(decorator: Expr) -> Metadata {
        guard case .call(_, _, let keywords) = decorator.kind else { return Metadata() }
        var metadata = Metadata()
        for keyword in keywords {
            guard let name = keyword.name, name != "triggers", let value = constant(keyword.value) else { continue }
            metadata[name] = value
        }
        return metadata
    }

    static func constant(_ expr: Expr) -> MetadataValue? {
        switch expr.kind {
        case .constant(.str(let text)): return .string(text)
        case .constant(.bool(let flag)): return .bool(flag)
        case .constant(.none): return .null
        case .constant(.int(let number)): return .int(number)
        case .constant(.float(let number)): return .double(number)
        case .list(let items), .tuple(let items):
            var values: [MetadataValue] = []
            for item in items {
                guard let value = constant(item) else { return nil }
                values.append(value)
            }
            return .list(values)
        default: return nil
        }
    }

    /// `@playbook(triggers=["At the beginning", ...])`.
    static func triggers(decorator: Expr, line: Int) -> [PlaybookTrigger] {
        guard case .call(_, _, let keywords) = decorator.kind else { return [] }
        var triggers: [PlaybookTrigger] = []
        for keyword in keywords where keyword.name == "triggers" {
            let items: [Expr]
            switch keyword.value.kind {
            case .list(let list), .tuple(let list): items = list
            case .constant(.str): items = [keyword.value]
            default: items = []
            }
            for item in items {
                if case .constant(.str(let text)) = item.kind {
                    triggers.append(PlaybookTrigger(text: text, line: item.line))
                }
            }
        }
        return triggers
    }
}
