import PlaybooksDurability
import PlaybooksLanguage

/// Answering awaits: from the journal in replay, and — live or replayed alike — applying a
/// finished await's effects to the VM's state, so that a resumed execution's state is the
/// uninterrupted one's.
extension ExecutionRunner {
    /// Answers a suspended call from the next journal record.
    func answerFromJournal(_ call: HostCall) throws(ExecutionError) {
        let record = try journal.nextReplayed(for: call.name)
        traceRecorder?.replayed(call, record, sequence: journal.sequence, in: self)
        if record.kind == .started {
            // An at-most-once call began here. If its outcome was recorded, the next record has it;
            // otherwise it was in flight when the process stopped: it may or may not have happened.
            if !journal.isReplaying && !inspecting { journal.endsWithCallInFlight = true }
            return
        }
        apply(call, record.outcome, live: false)
    }

    /// Applies a finished await's effects to the VM's state (the same in a live run and in replay)
    /// and answers it. Effects are reported only when live.
    func apply(_ call: HostCall, _ outcome: AwaitRecord.Outcome, live: Bool) {
        current.snapshotCache = nil
        if members.count > 1 { publishSharedState() }
        defer { if members.count > 1 { refreshSharedState() } }
        if let builtin = HostBuiltin(rawValue: call.name), applyInSociety(builtin, call, outcome, live: live) {
            resume(call, outcome)
            return
        }
        if case .value(let value) = outcome, let builtin = HostBuiltin(rawValue: call.name) {
            if let event = BuiltinEffects(agent: agent.name, sequence: transcriptSequence).apply(builtin, call, result: value, in: vm),
                live
            {
                onEvent(event)
            }
            if builtin == .next, case .list = value {
                // The statement handed over is in this record: its awaits refer to it.
                PreludeGlobals(vm: vm).current?[.statementRecord] = .int(journal.sequence)
            }
        } else if case .value(let value) = outcome, PreludeGlobals(vm: vm).current?.keepsLog == true {
            // A tool (external function) awaited by the reply's code: the model sees its result.
            PreludeGlobals(vm: vm).current?.appendToLog(
                ResponseLog.data(.called(call: BuiltinEffects.callText(call, in: vm), result: BuiltinEffects.shown(value, in: vm))))
        }
        resume(call, outcome)
    }

    /// Answers the VM's pending call with `outcome`.
    private func resume(_ call: HostCall, _ outcome: AwaitRecord.Outcome) {
        switch outcome {
        case .value where call.name == HostBuiltin.returnValue.rawValue:
            vm.resume(returning: .none)  // its record may carry LLM usage, which is not the code's business
        case .value(let v): vm.resume(returning: v.makeValue())
        case .error(let type, let message): vm.resume(throwing: PyException(typeNamed: type, message: message))
        }
    }
}
