import PlaybooksLanguage

/// What the built-ins `Step`, `Say`, `Return`, `SaveArtifact` and `LoadArtifact` do: the answer to
/// a live call (or the error for bad arguments), and the effects of a finished call on the
/// execution's state — applied the same way live and when the journal replays it, so a resumed
/// execution's state equals the uninterrupted one's.
struct BuiltinEffects {
    /// The agent that says what `Say` says.
    let agent: String
    /// The agent's playbooks (step ids are checked against them when there are any).
    var catalog: [PlaybookSummary] = []
    /// In a society: the sequence of the record being applied, kept with each message said.
    var sequence: Int? = nil

    /// The answer of a live call of a built-in that neither waits nor talks to the LLM.
    func outcome(of builtin: HostBuiltin, _ call: HostCall, in vm: VirtualMachine) -> AwaitRecord.Outcome {
        switch builtin {
        case .step:
            if let error = Self.checkArguments(call, min: 1, max: 1) { return error }
            return checkStep(vm.strText(call.arguments[0])) ?? .value(.none)
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
        case .waitForMessage, .yield, .prompt, .start, .next, .text, .sendMessage, .endProgram, .request, .awaitReply, .reply,
            .idle, .wait, .meetingStart, .meetingReady, .meetingJoin, .meetingEnd, .meetingLeave,
            .createAgent, .getOrCreateAgent:
            return .value(.none)
        }
    }

    /// A `ValueError` for a step id that names a Markdown playbook of the agent but none of its
    /// steps, or no playbook at all. Python playbooks have no step list: any id of theirs is taken.
    func checkStep(_ id: String) -> AwaitRecord.Outcome? {
        guard !catalog.isEmpty else { return nil }
        let owner = id.split(separator: ":", maxSplits: 1).first.map(String.init) ?? id
        guard let playbook = catalog.first(where: { $0.name == owner }) else {
            return .error(
                type: "ValueError",
                message: "unknown step id \(PortableValue.str(id)): there is no playbook \(owner); step ids look like "
                    + "\"Main:01:QUE\" (the playbook's name, the step's number and kind, as shown in the playbook)")
        }
        // The number identifies the step; its kind (`QUE`, `EXE`, ...) is a hint and not checked.
        let number = id.split(separator: ":", omittingEmptySubsequences: false).prefix(2).joined(separator: ":")
        if playbook.kind == .markdown, !playbook.stepIDs.isEmpty, !playbook.stepIDs.contains(number) {
            let known = playbook.stepIDs.filter { $0.split(separator: ":").count == 3 }.sorted()
            return .error(
                type: "ValueError",
                message: "unknown step id \(PortableValue.str(id)): the steps of \(owner) are \(known.joined(separator: ", "))")
        }
        return nil
    }

    /// Applies the effects of a call that finished without an error; returns what to report when
    /// the call ran live (nothing is reported in replay: it was reported when it happened).
    /// `result` is the call's value (what `WaitForMessage` returned, what `LoadArtifact` loaded).
    func apply(_ builtin: HostBuiltin, _ call: HostCall, result: PortableValue, in vm: VirtualMachine) -> ExecutionEvent? {
        let prelude = PreludeGlobals(vm: vm)
        let frame = prelude.current
        switch builtin {
        case .step:
            let step = vm.strText(call.arguments[0])
            frame?[.step] = .str(step)
            frame?.appendToLog(ResponseLog.data(.step(step)))
            return .stepped(playbook: frame?.playbook ?? "<module>", step: step)
        case .say:
            let target = call.arguments.count == 2 ? vm.strText(call.arguments[0]) : "user"
            let message = Message(sender: agent, target: target, text: vm.strText(call.arguments[call.arguments.count - 1]))
            prelude.appendToTranscript(message, sequence: sequence)
            prelude.nearestLogging?.appendToLog(ResponseLog.data(.said(target: target, text: message.text)))
            return .said(message)
        case .returnValue:
            if let reported = LLMUsageTotals.reported(by: result) {
                LLMUsageTotals(reading: vm).adding(reported).write(to: vm)
            }
            frame?[.returned] = .bool(true)
            frame?[.value] = call.arguments.first ?? .none
            return nil
        case .saveArtifact:
            let summary = call.arguments.count == 3 ? call.arguments[1] : Value.str("")
            let name = vm.strText(call.arguments[0])
            prelude.saveArtifact(name: name, summary: summary, content: call.arguments[call.arguments.count - 1])
            frame?.appendToLog(ResponseLog.data(.savedArtifact(name: name, summary: vm.strText(summary))))
            return nil
        case .waitForMessage, .yield:
            prelude.messagesTaken += 1
            let source = call.arguments.first.map { vm.strText($0) } ?? "user"
            if case .str(let text) = result {
                prelude.nearestLogging?.appendToLog(ResponseLog.data(.received(source: source, text: text)))
            }
            return nil
        case .loadArtifact:
            frame?.appendToLog(ResponseLog.data(.called(call: Self.callText(call, in: vm), result: Self.shown(result, in: vm))))
            return nil
        case .start, .next, .text:
            // LLM usage: counted from the record, so replay counts exactly what the live run counted.
            // A raw playbook's call (`__PBText__`) counts as a call; its tokens are not reported.
            let reported = LLMUsageTotals.reported(by: result)
            guard builtin != .next || reported != nil else { return nil }
            var totals = LLMUsageTotals(reading: vm)
            if builtin != .next { totals.calls += 1 }
            if let reported { totals = totals.adding(reported) }
            totals.write(to: vm)
            return nil
        case .prompt, .sendMessage, .endProgram, .request, .awaitReply, .reply, .idle, .wait, .meetingStart, .meetingReady,
            .meetingJoin, .meetingEnd, .meetingLeave, .createAgent, .getOrCreateAgent:
            return nil
        }
    }

    /// How the log shows a call: `Name(repr, ..., key=repr)`, cut to the prelude's length.
    static func callText(_ call: HostCall, in vm: VirtualMachine) -> String {
        let shown = call.arguments.map { vm.reprText($0) } + call.keywordArguments.map { "\($0.name)=\(vm.reprText($0.value))" }
        return vm.shortened("\(call.name)(\(shown.joined(separator: ", ")))")
    }

    /// How the log shows a call's result: its `repr`, cut to the prelude's length.
    static func shown(_ result: PortableValue, in vm: VirtualMachine) -> String {
        vm.shortened(vm.reprText(result.makeValue()))
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

extension VirtualMachine {
    /// `text` cut as the prelude's `__pb_short__` cuts it (at `__pb_shown__` characters, with a marker).
    func shortened(_ text: String) -> String {
        var limit = 800
        if case .int(let n)? = globals["__pb_shown__"] { limit = n }
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "... [cut: \(text.count) characters in all]"
    }
}
