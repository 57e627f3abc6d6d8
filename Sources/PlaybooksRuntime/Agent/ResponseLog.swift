import PlaybooksLanguage

/// What the statements of one LLM reply did, as the next request tells the model: the steps it
/// marked, what it said and received, each awaited call with its result, the error that stopped
/// it, the state variables it changed, and how the reply ended.
///
/// The log is data in the playbook's frame (the prelude and ``BuiltinEffects`` append to it as
/// the statements run, the same way live and in replay), so a resumed execution tells the model
/// exactly what an uninterrupted one would have.
struct ResponseLog: Equatable {
    enum Entry: Equatable {
        /// `await Step(id)`.
        case step(String)
        /// `await Say(target, text)`.
        case said(target: String, text: String)
        /// A message taken by `WaitForMessage` / `Yield`, word for word.
        case received(source: String, text: String)
        /// An awaited playbook or tool call (as `Name(args)`) and the `repr` of its result.
        case called(call: String, result: String)
        /// `await SaveArtifact(name, summary, content)`.
        case savedArtifact(name: String, summary: String)
        /// The statement that raised, at `line` of the reply; the statements after it did not run.
        case error(line: Int, type: String, message: String, statement: String)
    }

    /// How a reply ended when it did not return.
    enum Ending: String, Equatable {
        /// Every statement ran.
        case end
        /// A statement raised (the last entry says which).
        case error
        /// The reply had no code to run.
        case noCode = "nocode"
    }

    var entries: [Entry]
    /// State variables whose `repr` differs from before the reply (names without `$`).
    var changedState: [NamedValue]
    var ending: Ending

    /// Reads the data the prelude keeps: `[entries, changed_state, ending]`.
    init?(entries: Value, changedState: Value, ending: Value, in vm: VirtualMachine) {
        guard case .list(let list) = entries, case .str(let end) = ending, let ending = Ending(rawValue: end) else {
            return nil
        }
        self.entries = list.items.compactMap { Self.entry($0, in: vm) }
        self.ending = ending
        var changed: [NamedValue] = []
        if case .list(let pairs) = changedState {
            for item in pairs.items {
                guard case .list(let pair) = item, pair.items.count == 2 else { continue }
                changed.append(NamedValue(name: vm.strText(pair.items[0]), value: vm.strText(pair.items[1])))
            }
        }
        self.changedState = changed
    }

    init(entries: [Entry], changedState: [NamedValue] = [], ending: Ending) {
        self.entries = entries
        self.changedState = changedState
        self.ending = ending
    }

    static func entry(_ value: Value, in vm: VirtualMachine) -> Entry? {
        guard case .list(let list) = value, case .str(let kind)? = list.items.first else { return nil }
        let fields = list.items.dropFirst().map { item -> String in
            if case .str(let s) = item { return s }
            return vm.strText(item)
        }
        func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        switch kind {
        case "step": return .step(field(0))
        case "said": return .said(target: field(0), text: field(1))
        case "received": return .received(source: field(0), text: field(1))
        case "call": return .called(call: field(0), result: field(1))
        case "artifact": return .savedArtifact(name: field(0), summary: field(1))
        case "error": return .error(line: Int(field(0)) ?? 0, type: field(1), message: field(2), statement: field(3))
        default: return nil
        }
    }

    /// The entry the host appends for a built-in or tool call, as VM data.
    static func data(_ entry: Entry) -> [Value] {
        switch entry {
        case .step(let id): return [.str("step"), .str(id)]
        case .said(let target, let text): return [.str("said"), .str(target), .str(text)]
        case .received(let source, let text): return [.str("received"), .str(source), .str(text)]
        case .called(let call, let result): return [.str("call"), .str(call), .str(result)]
        case .savedArtifact(let name, let summary): return [.str("artifact"), .str(name), .str(summary)]
        case .error(let line, let type, let message, let statement):
            return [.str("error"), .int(line), .str(type), .str(message), .str(statement)]
        }
    }
}

/// One turn of a Markdown playbook's LLM conversation, as kept in its frame.
enum ConversationTurn: Equatable {
    /// The runtime to the model: the playbook call (the first turn) or a reminder.
    case user(String)
    /// The model's reply, as received.
    case assistant(String)
    /// What the previous reply did (the runtime's answer to it).
    case log(ResponseLog)

    init?(decoding value: Value, in vm: VirtualMachine) {
        guard case .list(let turn) = value, let first = turn.items.first else { return nil }
        let role = vm.strText(first)
        switch role {
        case "log" where turn.items.count == 4:
            guard let log = ResponseLog(entries: turn.items[1], changedState: turn.items[2], ending: turn.items[3], in: vm)
            else { return nil }
            self = .log(log)
        case "assistant" where turn.items.count == 2: self = .assistant(vm.strText(turn.items[1]))
        case "user" where turn.items.count == 2: self = .user(vm.strText(turn.items[1]))
        default: return nil
        }
    }
}
