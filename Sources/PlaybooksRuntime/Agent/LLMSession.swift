import PlaybooksLLM
import PlaybooksLanguage

/// An agent's link to its LLM: building the prompt of a Markdown playbook call, streaming the
/// LLM's reply, and handing its statements to the code one at a time (each hand-over is a
/// journal record, so the response is saved statement by statement).
///
/// The conversation itself is data in the playbook's frame (``PlaybookFrame``), in every snapshot;
/// this session holds only what lives in this process: the responses being read.
final class LLMSession {
    let provider: (any LLMProvider)?
    let model: String?
    /// Per Markdown playbook frame (by depth on the playbook stack): the response being read.
    private var responses: [Int: LiveResponse] = [:]

    let settings: AgentLoopSettings
    let budget: LLMBudget
    let price: LLMPrice?

    init(
        provider: (any LLMProvider)?, model: String?, settings: AgentLoopSettings = AgentLoopSettings(),
        budget: LLMBudget = LLMBudget(), price: LLMPrice? = nil
    ) {
        self.provider = provider
        self.model = model
        self.settings = settings
        self.budget = budget
        self.price = price
    }

    /// The answer to one of the Markdown playbook loop's internal calls (`__PBPrompt__`,
    /// `__PBStart__`, `__PBNext__`).
    ///
    /// Throws ``Unreachable`` when the LLM keeps failing: the await is then not recorded, so the
    /// execution stays where it was and a resume asks again.
    func outcome(
        of builtin: HostBuiltin, _ call: HostCall, vm: VirtualMachine, program: ExecutionProgram
    ) async throws(Unreachable) -> AwaitRecord.Outcome {
        switch builtin {
        case .prompt:
            return prompt(call, vm: vm, program: program)
        case .start:
            guard let provider else { return .error(type: "RuntimeError", message: "no LLM is configured") }
            let prelude = PreludeGlobals(vm: vm)
            // Replies the code stopped reading (a statement failed): read to their end for their usage.
            let drained = await drainUsage(from: prelude.depth)
            var totals = LLMUsageTotals(reading: vm)
            if let drained { totals.usage = totals.usage + drained }
            if let refusal = budget.refusal(totals, price: price) {
                return .error(type: "RuntimeError", message: refusal)
            }
            responses[prelude.depth] = LiveResponse(stream: provider.events(request(vm: vm, program: program, continuing: false)))
            guard let drained else { return .value(.none) }
            return .value(usageValue(drained))
        case .next:
            return try await nextStatement(vm: vm, program: program)
        case .text:
            // A raw playbook: the whole reply is its result; the record keeps it, so a resume
            // never asks again for a reply that arrived.
            guard let provider else { return .error(type: "RuntimeError", message: "no LLM is configured") }
            if let refusal = budget.refusal(LLMUsageTotals(reading: vm), price: price) {
                return .error(type: "RuntimeError", message: refusal)
            }
            do {
                return .value(.str(try await provider.complete(request(vm: vm, program: program, continuing: false))))
            } catch {
                throw Unreachable(message: "\(error)")
            }
        default:
            return .value(.none)
        }
    }

    private func prompt(_ call: HostCall, vm: VirtualMachine, program: ExecutionProgram) -> AwaitRecord.Outcome {
        let name = call.arguments.first.map { vm.strText($0) } ?? "?"
        guard provider != nil else {
            return .error(
                type: "RuntimeError",
                message:
                    "playbook \(name) is a Markdown playbook: running it needs an LLM; configure [llm] in playbooks.toml "
                    + "(provider = \"scripted\", \"openai\" or \"anthropic\") or pass --llm")
        }
        var arguments: [String] = []
        var positional: [Value] = []
        var keywords: [(String, Value)] = []
        if call.arguments.count > 1, case .list(let list) = call.arguments[1] { positional = list.items }
        if call.arguments.count > 2, case .dict(let kw) = call.arguments[2] {
            keywords = kw.pairs.map { (vm.strText($0.key), $0.value) }
        }
        arguments = positional.map { vm.reprText($0) } + keywords.map { "\($0.0)=\(vm.reprText($0.1))" }
        let summary = program.catalog.first { $0.name == name }
        var parameters: [NamedValue] = []
        for (i, p) in (summary?.parameters ?? []).enumerated() where Prelude.isIdentifier(p) {
            if i < positional.count {
                parameters.append(NamedValue(name: p, value: vm.reprText(positional[i])))
            } else if let kw = keywords.first(where: { $0.0 == p }) {
                parameters.append(NamedValue(name: p, value: vm.reprText(kw.1)))
            }
        }
        let now = ExecutionState(reading: vm, agent: program.agent)
        let text = PromptBuilder.playbookCall(
            name: name, mode: summary?.mode ?? .playbook, text: summary?.text ?? program.markdownTexts[name] ?? "## \(name)\n",
            arguments: arguments,
            parameters: parameters, variables: now.variables.filter { v in !parameters.contains { $0.name == v.name } },
            artifacts: now.artifacts.map { ($0.name, $0.summary) }, callStack: now.callStackSummary)
        return .value(.str(text))
    }

    /// The usage of the replies at `depth` and deeper that the code stopped reading before their end (a statement
    /// failed, or the playbook returned): each is read to its end (its text discarded) and forgotten. `nil` when
    /// none reported usage that no record carries yet.
    func drainUsage(from depth: Int) async -> LLMUsage? {
        var drained: LLMUsage?
        for level in responses.keys.sorted() where level >= depth {
            guard let stale = responses.removeValue(forKey: level), !stale.usageJournaled else { continue }
            await stale.drain()
            if let usage = stale.usage { drained = (drained ?? .zero) + usage }
        }
        return drained
    }

    /// A record value that carries `usage`: `{"usage": {...}}`.
    func usageValue(_ usage: LLMUsage) -> PortableValue {
        .dict([PortableEntry(.str("usage"), LLMUsageTotals.portable(usage, price: price))])
    }

    /// The request for the current LLM call: the frame's conversation, or — to continue an
    /// interrupted response — the conversation, the part already received, and a request to go on.
    func request(vm: VirtualMachine, program: ExecutionProgram, continuing: Bool) -> LLMRequest {
        let system = PromptBuilder.system(
            agent: program.agent, description: program.agentDescription, catalog: program.catalog,
            signatures: program.playbookSignatures, peers: program.peers, meetings: !program.meetingPlaybooks.isEmpty)
        var messages: [LLMMessage] = [.system(system)]
        let frame = PreludeGlobals(vm: vm).current
        let playbooks = program.catalog.isEmpty ? program.playbookSignatures : program.catalog.map(\.signature)
        if let frame, let conversation = frame.conversation(in: vm) {
            for turn in conversation {
                switch turn {
                case .user(let text): messages.append(.user(text))
                case .assistant(let text): messages.append(.assistant(PromptBuilder.reply(text)))
                case .log(var log):
                    if !settings.showsWhatHappened {
                        log.entries.removeAll { if case .error = $0 { false } else { true } }
                        log.changedState = []
                    }
                    messages.append(.user(PromptBuilder.log(log, playbooks: playbooks)))
                }
            }
            if continuing {
                messages.append(.assistant("```python\n" + frame.response))
                messages.append(.user(PromptBuilder.continuation))
            }
        }
        messages = ConversationCompaction.compact(messages, maxCharacters: settings.maxContextCharacters)
        var request = LLMRequest(
            messages: messages, model: model, callIndex: frame?.callIndex ?? 0,
            key: frame.map { "\(program.agent).\($0.playbook)" }, keyIndex: frame?.keyCallIndex ?? 0)
        request.isContinuation = continuing
        return request
    }

    /// The LLM failed on every attempt (unreachable, refused, an error mid-stream).
    struct Unreachable: Error {
        let message: String
    }

    private func nextStatement(vm: VirtualMachine, program: ExecutionProgram) async throws(Unreachable) -> AwaitRecord.Outcome {
        guard let provider else { return .error(type: "RuntimeError", message: "no LLM is configured") }
        let prelude = PreludeGlobals(vm: vm)
        let depth = prelude.depth
        if responses[depth] == nil {
            if let rest = prelude.current?.savedRest {
                responses[depth] = LiveResponse(saved: rest)
            } else {
                // The response was still arriving when the process stopped: ask for the rest.
                responses[depth] = LiveResponse(
                    stream: provider.events(request(vm: vm, program: program, continuing: true)),
                    alreadyReceived: prelude.current?.response ?? "")
            }
        }
        var attempts = 0
        while true {
            guard let response = responses[depth] else { return .value(.none) }
            do {
                guard let (statement, parsed) = try await response.next() else {
                    responses[depth] = nil
                    guard !response.usageJournaled, let usage = response.usage else { return .value(.none) }
                    // The end of the reply, with its usage (old journals have `None` here).
                    return .value(usageValue(usage))
                }
                if let parsed { vm.offerParsedStatement(parsed) }
                var rest: PortableValue = .none
                if !response.restJournaled, let remaining = response.remaining {
                    rest = .list(remaining.map { .list([.str($0.text), .int($0.line)]) })
                    response.restJournaled = true
                }
                var parts: [PortableValue] = [.str(statement.text), .int(statement.line), rest]
                if !response.usageJournaled, let usage = response.usage {
                    // The stream has ended: its usage goes with the first record after the end (the one that also
                    // saves the rest), so a crash after it neither asks again nor loses it.
                    parts.append(LLMUsageTotals.portable(usage, price: price))
                    response.usageJournaled = true
                }
                return .value(.list(parts))
            } catch {
                attempts += 1
                // A stream that failed before any text: the provider has already retried it (HTTP
                // providers with backoff), so asking again here would only multiply the wait.
                // A stream that broke after some text is asked to continue, twice at most.
                if attempts > 2 || !response.receivedText {
                    responses[depth] = nil
                    throw Unreachable(message: "\(error)")
                }
                responses[depth] = LiveResponse(
                    stream: provider.events(request(vm: vm, program: program, continuing: true)),
                    alreadyReceived: prelude.current?.response ?? "")
            }
        }
    }
}
