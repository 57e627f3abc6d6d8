import Foundation
import PlaybooksDurability
import PlaybooksLanguage

/// Performing the host calls the journal does not answer: built-ins, the Markdown playbook loop's
/// LLM calls and external functions. Each call's record is durable before its effects are applied
/// and the code goes on.
extension ExecutionRunner {
    /// Performs `call`, makes its record durable, then applies its effects and answers the VM.
    /// Returns the source waited for when the call needs a message that was not given (nothing
    /// is written then).
    func performLive(_ call: HostCall) async throws(ExecutionError) -> String? {
        if inspecting { return nil }
        if journal.endsWithCallInFlight {
            journal.endsWithCallInFlight = false
            let outcome = AwaitRecord.Outcome.error(
                type: "RuntimeError",
                message:
                    "\(call.name) was in flight when the process stopped and is at-most-once, so it was not retried: "
                    + "it may or may not have happened")
            try await append(call, kind: .completed, outcome: outcome)
            apply(call, outcome, live: true)
            return nil
        }
        if journal.snapshotIsDue { try await writeSnapshot() }
        let outcome: AwaitRecord.Outcome
        if let builtin = HostBuiltin(rawValue: call.name), let answer = societyAnswer(builtin, call) {
            switch answer {
            case .blocked(let source): return source
            case .outcome(let answered): outcome = answered
            }
        } else if let builtin = HostBuiltin(rawValue: call.name) {
            switch builtin {
            case .prompt, .start, .next, .text:
                do {
                    outcome = try await agent.llm.outcome(of: builtin, call, vm: vm, program: program)
                } catch {
                    // Nothing is recorded: the execution stays at this await, and a resume asks again.
                    throw .llmUnavailable(id, error.message)
                }
            default:
                var answer = BuiltinEffects(agent: agent.name, catalog: program.catalog).outcome(of: builtin, call, in: vm)
                if builtin == .returnValue, case .value(.none) = answer,
                    let usage = await agent.llm.drainUsage(from: PreludeGlobals(vm: vm).depth)
                {
                    // The reply that returns is read no further: its usage goes with this record (the code gets None).
                    answer = .value(agent.llm.usageValue(usage))
                }
                outcome = answer
            }
        } else if let external = externals[call.name] {
            if external.delivery == .atMostOnce {
                try await append(call, kind: .started, outcome: .value(.none))
            }
            outcome = await perform(external, call, key: "\(id)/\(journal.sequence + 1)")
        } else {
            outcome = .error(type: "NameError", message: "host function '\(call.name)' is not available in this run")
        }
        try await append(call, kind: .completed, outcome: outcome)
        apply(call, outcome, live: true)
        return nil
    }

    func perform(_ external: ExternalFunction, _ call: HostCall, key: String) async -> AwaitRecord.Outcome {
        let request = ExternalCall(
            name: call.name, arguments: call.arguments.map { PortableValue.converting($0, in: vm) },
            keywordArguments: call.keywordArguments.map { ($0.name, PortableValue.converting($0.value, in: vm)) },
            idempotencyKey: key)
        do {
            return .value(try await external.body(request))
        } catch let e as ExternalFunctionError {
            return .error(type: e.type, message: e.message)
        } catch {
            return .error(type: "RuntimeError", message: "\(call.name) failed: \(error)")
        }
    }

    /// Appends the record of the await the VM is suspended on, durable before this returns.
    func append(_ call: HostCall, kind: AwaitRecord.Kind, outcome: AwaitRecord.Outcome) async throws(ExecutionError) {
        let (line, statement) = awaitingStatement()
        var record = AwaitRecord(
            kind: kind, call: call.name, arguments: call.arguments.map { PortableValue.converting($0, in: vm) },
            keywordArguments: call.keywordArguments.map { ($0.name, PortableValue.converting($0.value, in: vm)) },
            outcome: outcome, line: line, statement: statement, timestamp: Date().timeIntervalSince1970)
        record.agent = current.index
        let sequence = try await journal.append(record)
        onEvent(.checkpointed(sequence: sequence))
    }

    /// The line of the statement that awaits and where its text is: a statement of an LLM
    /// response (the record that delivered it), or a line of the program file.
    func awaitingStatement() -> (line: Int, statement: AwaitRecord.StatementReference) {
        let frame = vm.callFrames.last
        let line = frame?.line ?? 0
        if frame?.filename == StatementRunner.filename, let playbook = PreludeGlobals(vm: vm).current {
            if let record = playbook.statementRecord { return (line, .response(record: record)) }
            // A frame restored from a snapshot taken before statements were referenced by record.
            return (line, playbook.statement.map { .text($0) } ?? .none)
        }
        if line >= 1, line <= sourceLines.count, frame?.filename == program.path || frame?.filename == info.programPath {
            return (line, .programLine)
        }
        return (line, .none)
    }
}
