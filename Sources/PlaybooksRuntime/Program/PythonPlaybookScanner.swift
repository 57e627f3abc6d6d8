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
            found.append(
                PlaybookDefinition(
                    name: function.name, kind: .python, agentName: block.agentName, parameters: parameters,
                    signature: "\(function.name)(\(parameters.joined(separator: ", ")))",
                    description: docstring(function.body), line: statement.line, lastLine: statement.endLine,
                    triggers: triggers(decorator: decorator, line: statement.line),
                    isAsync: function.isAsync, pythonBlock: block))
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
