import Foundation
import PlaybooksDurability
import PlaybooksLanguage

extension ExecutionRunner {
    /// Performs a call that the journal does not answer, makes its record durable, then applies
    /// its effects and answers the VM. Returns the source waited for when the call needs a message
    /// that was not given (nothing is written then).
    func performLive(_ call: HostCall) async throws(ExecutionError) -> String? {
        if inspecting { return nil }
        if inFlightAtMostOnce {
            inFlightAtMostOnce = false
            let outcome = AwaitRecord.Outcome.error(
                type: "RuntimeError",
                message:
                    "\(call.name) was in flight when the process stopped and is at-most-once, so it was not retried: "
                    + "it may or may not have happened")
            try await append(call, kind: .completed, outcome: outcome)
            apply(call, outcome, live: true)
            return nil
        }
        if policy.isDue(recordsSince: recordsSinceSnapshot, bytesSince: bytesSinceSnapshot, lastSnapshotBytes: lastSnapshotBytes)
            || lastSnapshotSequence < 0
        {
            try await writeSnapshot()
        }
        let outcome: AwaitRecord.Outcome
        if let builtin = HostBuiltin(rawValue: call.name) {
            switch builtin {
            case .waitForMessage, .yield:
                if let error = checkArguments(call, min: 0, max: 1) {
                    outcome = error
                } else if messages.isEmpty {
                    return call.arguments.first.map { vm.strText($0) } ?? "user"
                } else {
                    outcome = .value(.str(messages.removeFirst()))
                }
            case .prompt, .start, .next:
                outcome = await llmOutcome(builtin, call)
            default:
                outcome = builtinOutcome(builtin, call)
            }
        } else if let external = externals[call.name] {
            if external.delivery == .atMostOnce {
                try await append(call, kind: .started, outcome: .value(.none))
            }
            outcome = await perform(external, call, key: "\(id)/\(sequence + 1)")
        } else {
            outcome = .error(type: "NameError", message: "host function '\(call.name)' is not available in this run")
        }
        try await append(call, kind: .completed, outcome: outcome)
        apply(call, outcome, live: true)
        return nil
    }

    func perform(_ external: ExternalFunction, _ call: HostCall, key: String) async -> AwaitRecord.Outcome {
        let request = ExternalCall(
            name: call.name, arguments: call.arguments.map(portable),
            keywordArguments: call.keywordArguments.map { ($0.name, portable($0.value)) },
            idempotencyKey: key)
        do {
            return .value(try await external.body(request))
        } catch let e as ExternalFunctionError {
            return .error(type: e.type, message: e.message)
        } catch {
            return .error(type: "RuntimeError", message: "\(call.name) failed: \(error)")
        }
    }

    /// The answer of a built-in other than the waiting ones; errors for bad arguments.
    func builtinOutcome(_ builtin: HostBuiltin, _ call: HostCall) -> AwaitRecord.Outcome {
        switch builtin {
        case .step: return checkArguments(call, min: 1, max: 1) ?? .value(.none)
        case .say: return checkArguments(call, min: 1, max: 2) ?? .value(.none)
        case .returnValue: return checkArguments(call, min: 0, max: 1) ?? .value(.none)
        case .saveArtifact: return checkArguments(call, min: 2, max: 3) ?? .value(.none)
        case .loadArtifact:
            if let error = checkArguments(call, min: 1, max: 1) { return error }
            let name = vm.strText(call.arguments[0])
            guard case .dict(let artifacts)? = vm.globals["__pb_artifacts__"], let entry = artifacts.get(name),
                case .dict(let fields) = entry, let content = fields.get("content")
            else { return .error(type: "KeyError", message: "no artifact named \(PortableValue.str(name))") }
            return .value(portable(content))
        case .waitForMessage, .yield, .prompt, .start, .next: return .value(.none)
        }
    }

    func checkArguments(_ call: HostCall, min: Int, max: Int) -> AwaitRecord.Outcome? {
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

    /// Answers a suspended call from the next journal record.
    func answerFromJournal(_ call: HostCall) throws(ExecutionError) {
        let record = replay[replayIndex]
        replayIndex += 1
        guard record.sequence == sequence + 1 else {
            throw .damaged(id, "journal record \(record.sequence) follows record \(sequence)")
        }
        let decoded: AwaitRecord
        do { decoded = try AwaitRecord(record: record) } catch {
            throw .damaged(id, "journal record \(record.sequence) is unreadable: \(error)")
        }
        guard decoded.call == call.name else {
            throw .diverged(id, sequence: record.sequence, expected: decoded.call, found: call.name)
        }
        sequence = record.sequence
        if decoded.kind == .started {
            // An at-most-once call began here. If its outcome was recorded, the next record has it.
            if isReplaying { return }
            if inspecting { return }
            // Otherwise it was in flight when the process stopped: it may or may not have happened.
            inFlightAtMostOnce = true
            return
        }
        apply(call, decoded.outcome, live: false)
    }

    /// Applies a finished await's effects to the VM's state (the same in a live run and in replay)
    /// and answers it. Effects are seen by the user only when live.
    func apply(_ call: HostCall, _ outcome: AwaitRecord.Outcome, live: Bool) {
        if case .value = outcome, let builtin = HostBuiltin(rawValue: call.name) {
            applyEffect(builtin, call, live: live)
        }
        switch outcome {
        case .value(let v): vm.resume(returning: v.makeValue())
        case .error(let type, let message): vm.resume(throwing: PyException(typeNamed: type, message: message))
        }
    }

    func applyEffect(_ builtin: HostBuiltin, _ call: HostCall, live: Bool) {
        let frame = currentPlaybookFrame
        switch builtin {
        case .step:
            let step = vm.strText(call.arguments[0])
            frame?.set("step", .str(step))
            if live { onEvent(.stepped(playbook: playbookName(frame), step: step)) }
        case .say:
            let target = call.arguments.count == 2 ? vm.strText(call.arguments[0]) : "user"
            let text = vm.strText(call.arguments[call.arguments.count - 1])
            if case .list(let transcript)? = vm.globals["__pb_transcript__"] {
                transcript.items.append(.tuple([.str(program.agent), .str(target), .str(text)]))
            }
            if live { onEvent(.said(Message(sender: program.agent, target: target, text: text))) }
        case .returnValue:
            frame?.set("returned", .bool(true))
            frame?.set("value", call.arguments.first ?? .none)
        case .saveArtifact:
            let name = vm.strText(call.arguments[0])
            let summary = call.arguments.count == 3 ? call.arguments[1] : Value.str("")
            let content = call.arguments[call.arguments.count - 1]
            if case .dict(let artifacts)? = vm.globals["__pb_artifacts__"] {
                let entry = DictObject()
                entry.set("summary", summary)
                entry.set("content", content)
                artifacts.set(name, .dict(entry))
            }
        case .loadArtifact, .waitForMessage, .yield, .prompt, .start, .next:
            break
        }
    }

    var currentPlaybookFrame: DictObject? {
        guard case .list(let stack)? = vm.globals["__pb_stack__"], case .dict(let top)? = stack.items.last else { return nil }
        return top
    }

    func playbookName(_ frame: DictObject?) -> String {
        if case .str(let s)? = frame?.get("playbook") { return s }
        return "<module>"
    }

    func portable(_ value: Value) -> PortableValue {
        (try? PortableValue(value)) ?? .str(vm.reprText(value))
    }

    /// Appends the record of the await the VM is suspended on, durable before this returns.
    func append(_ call: HostCall, kind: AwaitRecord.Kind, outcome: AwaitRecord.Outcome) async throws(ExecutionError) {
        let next = sequence + 1
        let where_ = vm.callFrames.last
        let line = where_?.line ?? 0
        var statement = ""
        if where_?.filename == StatementRunner.filename, case .str(let text)? = currentPlaybookFrame?.get("statement") {
            statement = text.hasSuffix("\n") ? String(text.dropLast()) : text
        } else if line >= 1, line <= sourceLines.count, where_?.filename == program.path || where_?.filename == info.programPath {
            statement = String(sourceLines[line - 1].drop(while: { $0 == " " || $0 == "\t" }))
        }
        let record = AwaitRecord(
            kind: kind, call: call.name, arguments: call.arguments.map(portable),
            keywordArguments: call.keywordArguments.map { ($0.name, portable($0.value)) }, outcome: outcome, line: line,
            statement: statement, timestamp: Date().timeIntervalSince1970)
        let payload = record.encoded()
        try failpoint(.crashBeforeCheckpoint, at: next)
        let journal = JournalRecord(sequence: next, kind: kind.rawValue, payload: payload)
        try await ExecutionRunner.wrap { () async throws(StoreError) in try await store.append([journal], to: id) }
        try failpoint(.crashAfterCheckpoint, at: next)
        sequence = next
        recordsSinceSnapshot += 1
        bytesSinceSnapshot += payload.count
        onEvent(.checkpointed(sequence: next))
    }

    /// Stops the process at a failpoint, or, when ``simulatesCrashes`` is set (tests), abandons the
    /// run by throwing ``ExecutionError/crashed(_:at:)`` without writing anything more.
    func failpoint(_ point: Failpoints.Point, at sequence: Int) throws(ExecutionError) {
        guard failpoints.isSet(point, at: sequence) else { return }
        if simulatesCrashes { throw .crashed(id, at: sequence) }
        Failpoints.crashNow()
    }

    /// Writes a snapshot of the VM as it is now (suspended on the await after record ``sequence``).
    func writeSnapshot() async throws(ExecutionError) {
        guard lastSnapshotSequence != sequence else { return }
        let bytes = vm.encodeSnapshot()
        let snapshot = SnapshotRecord(sequence: sequence, bytes: bytes)
        try await ExecutionRunner.wrap { () async throws(StoreError) in try await store.writeSnapshot(snapshot, for: id) }
        lastSnapshotSequence = sequence
        lastSnapshotBytes = bytes.count
        recordsSinceSnapshot = 0
        bytesSinceSnapshot = 0
        if policy.keepLast > 0 {
            try await prune()
        }
    }

    /// Deletes what no longer helps restore the last `keepLast` checkpoints.
    func prune() async throws(ExecutionError) {
        try await CheckpointManager(executionID: id, store: store, program: program).prune(keepLast: policy.keepLast)
    }
}
