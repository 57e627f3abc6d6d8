import PlaybooksLanguage

/// What the built-ins `Step`, `Say`, `Return`, `SaveArtifact` and `LoadArtifact` do: the answer to
/// a live call (or the error for bad arguments), and the effects of a finished call on the
/// execution's state — applied the same way live and when the journal replays it, so a resumed
/// execution's state equals the uninterrupted one's.
struct BuiltinEffects {
    /// The agent that says what `Say` says.
    let agent: String

    /// The answer of a live call of a built-in that neither waits nor talks to the LLM.
    func outcome(of builtin: HostBuiltin, _ call: HostCall, in vm: VirtualMachine) -> AwaitRecord.Outcome {
        switch builtin {
        case .step: return Self.checkArguments(call, min: 1, max: 1) ?? .value(.none)
        case .say: return Self.checkArguments(call, min: 1, max: 2) ?? .value(.none)
        case .returnValue: return Self.checkArguments(call, min: 0, max: 1) ?? .value(.none)
        case .saveArtifact: return Self.checkArguments(call, min: 2, max: 3) ?? .value(.none)
        case .loadArtifact:
            if let error = Self.checkArguments(call, min: 1, max: 1) { return error }
            let name = vm.strText(call.arguments[0])
            guard let content = PreludeGlobals(vm: vm).artifactContent(named: name) else {
                return .error(type: "KeyError", message: "no artifact named \(PortableValue.str(name))")
            }
            return .value(PortableValue.converting(content, in: vm))
        case .waitForMessage, .yield, .prompt, .start, .next: return .value(.none)
        }
    }

    /// Applies the effects of a call that finished without an error; returns what to report when
    /// the call ran live (nothing is reported in replay: it was reported when it happened).
    func apply(_ builtin: HostBuiltin, _ call: HostCall, in vm: VirtualMachine) -> ExecutionEvent? {
        let prelude = PreludeGlobals(vm: vm)
        let frame = prelude.current
        switch builtin {
        case .step:
            let step = vm.strText(call.arguments[0])
            frame?[.step] = .str(step)
            return .stepped(playbook: frame?.playbook ?? "<module>", step: step)
        case .say:
            let target = call.arguments.count == 2 ? vm.strText(call.arguments[0]) : "user"
            let message = Message(sender: agent, target: target, text: vm.strText(call.arguments[call.arguments.count - 1]))
            prelude.appendToTranscript(message)
            return .said(message)
        case .returnValue:
            frame?[.returned] = .bool(true)
            frame?[.value] = call.arguments.first ?? .none
            return nil
        case .saveArtifact:
            let summary = call.arguments.count == 3 ? call.arguments[1] : Value.str("")
            prelude.saveArtifact(
                name: vm.strText(call.arguments[0]), summary: summary, content: call.arguments[call.arguments.count - 1])
            return nil
        case .waitForMessage, .yield:
            prelude.messagesTaken += 1
            return nil
        case .loadArtifact, .prompt, .start, .next:
            return nil
        }
    }

    /// A `TypeError` outcome when `call` has keyword arguments or a positional count outside `min...max`.
    static func checkArguments(_ call: HostCall, min: Int, max: Int) -> AwaitRecord.Outcome? {
        if !call.keywordArguments.isEmpty {
            return .error(type: "TypeError", message: "\(call.name)() takes no keyword arguments")
        }
        let n = call.arguments.count
        if n < min || n > max {
            let expected = min == max ? "\(min)" : "\(min) to \(max)"
            return .error(type: "TypeError", message: "\(call.name)() takes \(expected) arguments (\(n) given)")
        }
        return nil
    }
}

extension PortableValue {
    /// `value` as plain data, or its `repr` as a string when it is not plain data (an instance, a function, ...).
    static func converting(_ value: Value, in vm: VirtualMachine) -> PortableValue {
        (try? PortableValue(value)) ?? .str(vm.reprText(value))
    }
}
