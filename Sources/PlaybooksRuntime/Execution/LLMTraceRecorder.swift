import PlaybooksLLM
import PlaybooksLanguage

/// Builds an ``LLMTrace`` while the journal replays: each record is seen just before its answer
/// is applied, with the VM exactly where it stood when the await happened live — so the request
/// of a `__PBStart__` record is rebuilt from the frame's conversation as it was sent.
final class LLMTraceRecorder {
    private(set) var trace: LLMTrace
    /// Per playbook stack depth: the position in `trace.calls` of the last call made at that depth.
    private var lastCallAtDepth: [Int: Int] = [:]

    init(trace: LLMTrace) { self.trace = trace }

    /// Called for every record replayed, before its effects are applied.
    func replayed(_ call: HostCall, _ record: AwaitRecord, sequence: Int, in runner: ExecutionRunner) {
        let vm = runner.vm
        guard let builtin = HostBuiltin(rawValue: call.name) else { return }
        let prelude = PreludeGlobals(vm: vm)
        switch builtin {
        case .start:
            guard let frame = prelude.current else { return }
            started(frame: frame, depth: prelude.depth, sequence: sequence, runner: runner)
        case .next:
            guard let frame = prelude.current, let position = position(of: frame, depth: prelude.depth),
                case .value(.list(let parts)) = record.outcome, parts.count >= 2, case .str(let text) = parts[0],
                case .int(let line) = parts[1]
            else { return }
            let statement = text.hasSuffix("\n") ? String(text.dropLast()) : text
            trace.calls[position].statements.append(LLMTrace.Statement(record: sequence, line: line, text: statement))
        case .returnValue:
            guard record.outcome == .value(.none), let frame = prelude.current, frame.keepsLog,
                let position = position(of: frame, depth: prelude.depth)
            else { return }
            trace.calls[position].ending = "returned"
        case .say:
            guard case .value = record.outcome, !call.arguments.isEmpty, call.arguments.count <= 2 else { return }
            let target = call.arguments.count == 2 ? vm.strText(call.arguments[0]) : "user"
            let text = vm.strText(call.arguments[call.arguments.count - 1])
            trace.transcript.append(Message(sender: runner.program.agent, target: target, text: text))
        case .waitForMessage, .yield:
            guard case .value(.str(let text)) = record.outcome else { return }
            let source = call.arguments.first.map { vm.strText($0) } ?? "user"
            trace.transcript.append(Message(sender: source, target: runner.program.agent, text: text))
        default:
            return
        }
    }

    /// Per call (by position): its playbook frame and how many replies that frame had before it.
    private var frames: [Int: (frame: PlaybookFrame, reply: Int)] = [:]

    /// The errors and endings of replies no later request showed: the last reply of a playbook
    /// that failed (no progress), and replies of playbooks still running. Each frame's
    /// conversation says what its replies did, also once the frame is off the stack.
    func finish(in runner: ExecutionRunner) {
        for (position, entry) in frames where trace.calls[position].ending == nil {
            let turns = entry.frame.conversation(in: runner.vm) ?? []
            let replies = turns.indices.filter { if case .assistant = turns[$0] { true } else { false } }
            if entry.reply < replies.count {
                let after = replies[entry.reply] + 1
                if after < turns.count, case .log(let log) = turns[after] {
                    trace.calls[position].errors = Self.failures(log.entries)
                    trace.calls[position].ending = log.ending.rawValue
                }
            } else if PreludeGlobals(vm: runner.vm).frames.contains(where: { $0.dict === entry.frame.dict }),
                case .list(let log)? = entry.frame[.log]
            {
                // The reply is still running (the execution waits or stopped during it).
                trace.calls[position].errors = Self.failures(log.items.compactMap { ResponseLog.entry($0, in: runner.vm) })
                if !trace.calls[position].errors.isEmpty { trace.calls[position].ending = "error" }
            }
        }
    }

    private func position(of frame: PlaybookFrame, depth: Int) -> Int? {
        guard let position = lastCallAtDepth[depth], trace.calls[position].index == frame.callIndex else { return nil }
        return position
    }

    private func started(frame: PlaybookFrame, depth: Int, sequence: Int, runner: ExecutionRunner) {
        let request = runner.agent.llm.request(vm: runner.vm, program: runner.program, continuing: false)
        var system: Int?
        var messages: [LLMTrace.TraceMessage] = []
        for message in request.messages {
            if message.role == .system {
                if let known = trace.systemPrompts.firstIndex(of: message.content) {
                    system = known
                } else {
                    system = trace.systemPrompts.count
                    trace.systemPrompts.append(message.content)
                }
            } else {
                messages.append(LLMTrace.TraceMessage(role: message.role.rawValue, content: message.content))
            }
        }
        let turns = frame.conversation(in: runner.vm) ?? []
        let continuesFrame = turns.contains { if case .assistant = $0 { true } else { false } }
        if continuesFrame, let previous = lastCallAtDepth[depth] {
            if case .log(let log)? = turns.last {
                trace.calls[previous].errors = Self.failures(log.entries)
                trace.calls[previous].ending = log.ending.rawValue
            }
            if let last = messages.last, last.role == LLMMessage.Role.user.rawValue {
                trace.calls[previous].feedback = last.content
            }
        }
        lastCallAtDepth[depth] = trace.calls.count
        frames[trace.calls.count] = (frame, turns.filter { if case .assistant = $0 { true } else { false } }.count)
        trace.calls.append(
            LLMTrace.Call(
                index: frame.callIndex, playbook: frame.playbook, record: sequence, systemPrompt: system, messages: messages,
                statements: [], errors: [], ending: nil, feedback: nil, usage: nil))
    }

    static func failures(_ entries: [ResponseLog.Entry]) -> [LLMTrace.Failure] {
        entries.compactMap { entry in
            guard case .error(let line, let type, let message, let statement) = entry else { return nil }
            let text = statement.hasSuffix("\n") ? String(statement.dropLast()) : statement
            return LLMTrace.Failure(line: line, statement: text, type: type, message: message)
        }
    }
}
