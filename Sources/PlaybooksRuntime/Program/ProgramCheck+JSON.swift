import Foundation

extension ProgramCheck {
    /// The report as JSON (keys sorted): `path`, `hash`, `frontMatter`, `mainAgent`, `agents` (each
    /// with `name`, `heading`, `kind`, `line`, `description`, `metadata`, `playbooks`), and `notices`.
    public var json: String {
        let data =
            (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as JSON-compatible dictionaries and arrays.
    public var jsonObject: [String: Any] {
        [
            "path": program.path,
            "hash": program.hash,
            "loads": true,
            "frontMatter": program.frontMatter.jsonObject,
            "mainAgent": program.mainAgent.name,
            "agents": program.agents.map(ProgramCheck.agentObject),
            "notices": notices.map { notice -> [String: Any] in
                var object: [String: Any] = ["kind": notice.kind.rawValue, "message": notice.message]
                if let line = notice.line { object["line"] = line }
                return object
            },
        ]
    }

    static func agentObject(_ agent: AgentDefinition) -> [String: Any] {
        [
            "name": agent.name,
            "heading": agent.heading,
            "kind": agent.kind.rawValue,
            "line": agent.line,
            "description": agent.description,
            "metadata": agent.metadata.jsonObject,
            "playbooks": agent.playbooks.map(playbookObject),
        ]
    }

    static func playbookObject(_ playbook: PlaybookDefinition) -> [String: Any] {
        var object: [String: Any] = [
            "name": playbook.name,
            "kind": playbook.kind.rawValue,
            "executionMode": playbook.executionMode.rawValue,
            "signature": playbook.fullSignature,
            "line": playbook.line,
            "lastLine": playbook.lastLine,
            "description": playbook.description,
            "metadata": playbook.metadata.jsonObject,
            "public": playbook.isPublic,
            "meeting": playbook.isMeeting,
            "parameters": playbook.parameterDetails.map { parameter -> [String: Any] in
                var item: [String: Any] = ["name": parameter.name]
                if let type = parameter.type { item["type"] = type }
                if let value = parameter.defaultValue { item["default"] = value }
                return item
            },
            "triggers": playbook.triggers.map { trigger -> [String: Any] in
                ["text": trigger.text, "line": trigger.line, "kind": trigger.kind.rawValue, "start": trigger.isStartTrigger]
            },
            "steps": playbook.steps.map(stepObject),
            "notes": playbook.notes,
        ]
        if let heading = playbook.heading { object["heading"] = heading }
        if let returnType = playbook.returnType { object["returnType"] = returnType }
        if playbook.isMeeting {
            object["requiredAttendees"] = playbook.requiredAttendees
            object["optionalAttendees"] = playbook.optionalAttendees
        }
        return object
    }

    static func stepObject(_ step: PlaybookStep) -> [String: Any] {
        [
            "id": step.qualifiedID,
            "kind": step.kind.rawValue,
            "text": step.text,
            "line": step.line,
            "steps": step.children.map(stepObject),
        ]
    }
}

/// `playbooks check FILE.pb --json` when the program does not load.
extension ProgramError {
    /// The error as a JSON object: `loads: false`, `path`, `line`, `kind`, `message`, `error`.
    public var checkJSON: String {
        var object: [String: Any] = ["loads": false, "path": path, "message": message, "error": description, "kind": kindName]
        if let line { object["line"] = line }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The kind's name, e.g. `unsupportedFeature(!import)`.
    public var kindName: String {
        switch kind {
        case .unreadable: return "unreadable"
        case .invalidEncoding: return "invalidEncoding"
        case .noAgent: return "noAgent"
        case .duplicatePlaybook(let name): return "duplicatePlaybook(\(name))"
        case .pythonOutsideAgent: return "pythonOutsideAgent"
        case .playbookOutsideAgent: return "playbookOutsideAgent"
        case .unterminatedFence: return "unterminatedFence"
        case .invalidSignature: return "invalidSignature"
        case .pythonSyntax: return "pythonSyntax"
        case .noEntryPlaybook: return "noEntryPlaybook"
        case .invalidAgentHeading: return "invalidAgentHeading"
        case .duplicateAgent(let name): return "duplicateAgent(\(name))"
        case .invalidMetadata: return "invalidMetadata"
        case .invalidFrontMatter: return "invalidFrontMatter"
        case .unsupportedFeature(let name): return "unsupportedFeature(\(name))"
        }
    }
}
