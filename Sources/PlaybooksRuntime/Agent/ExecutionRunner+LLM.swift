import PlaybooksLLM
import PlaybooksLanguage

/// The host side of Markdown playbooks: building prompts, streaming the LLM's reply, and handing
/// its statements to the code one at a time (each hand-over is a journal record, so the response
/// is saved statement by statement — in batches, not per token).
extension ExecutionRunner {
    func llmOutcome(_ builtin: HostBuiltin, _ call: HostCall) async -> AwaitRecord.Outcome {
        switch builtin {
        case .prompt:
            let name = call.arguments.first.map { vm.strText($0) } ?? "?"
            guard llm != nil else {
                return .error(
                    type: "RuntimeError",
                    message:
                        "playbook \(name) is a Markdown playbook: running it needs an LLM; configure [llm] in playbooks.toml "
                        + "(provider = \"scripted\", \"openai\" or \"anthropic\") or pass --llm")
            }
            var arguments: [String] = []
            if call.arguments.count > 1, case .list(let list) = call.arguments[1] { arguments = list.items.map { vm.reprText($0) } }
            if call.arguments.count > 2, case .dict(let kw) = call.arguments[2] {
                arguments += kw.pairs.map { "\(vm.strText($0.key))=\(vm.reprText($0.value))" }
            }
            let now = state
            let prompt = PromptBuilder.playbook(
                name: name, text: program.markdownTexts[name] ?? "## \(name)", arguments: arguments, variables: now.variables,
                callStack: now.callStackSummary)
            return .value(.str(prompt))
        case .start:
            guard let llm else { return .error(type: "RuntimeError", message: "no LLM is configured") }
            let live = LiveResponse(stream: llm.stream(request(continuing: false)))
            responses[frameDepth] = live
            return .value(.none)
        case .next:
            return await nextStatement()
        default:
            return .value(.none)
        }
    }

    /// The request for the current LLM call: the frame's conversation, or — to continue an
    /// interrupted response — the conversation, the part already received, and a request to go on.
    func request(continuing: Bool) -> LLMRequest {
        var messages: [LLMMessage] = [.system(systemPrompt)]
        if let frame = currentPlaybookFrame, case .list(let conversation)? = frame.get("conversation") {
            for case .list(let pair) in conversation.items where pair.items.count == 2 {
                let role = vm.strText(pair.items[0])
                let content = vm.strText(pair.items[1])
                messages.append(role == "assistant" ? .assistant(content) : .user(content))
            }
            if continuing {
                messages.append(.assistant(receivedText))
                messages.append(.user(PromptBuilder.continuation))
            }
        }
        var callIndex = 0
        if case .int(let i)? = currentPlaybookFrame?.get("call") { callIndex = i }
        return LLMRequest(messages: messages, model: llmModel, callIndex: callIndex)
    }

    var receivedText: String {
        if let frame = currentPlaybookFrame, case .str(let s)? = frame.get("response") { return s }
        return ""
    }

    var systemPrompt: String {
        PromptBuilder.system(
            agent: program.agent, description: program.agentDescription, playbooks: program.playbookSignatures)
    }

    /// The depth of the running playbook frame on the playbook stack.
    var frameDepth: Int {
        if case .list(let stack)? = vm.globals["__pb_stack__"] { return stack.items.count }
        return 0
    }

    /// Statements of the current response that had arrived but not run when the journal ends —
    /// kept in the frame once the whole response had arrived; `nil` while it was still streaming.
    var savedRest: [StatementSplitter.Statement]? {
        guard case .list(let rest)? = currentPlaybookFrame?.get("rest") else { return nil }
        return rest.items.compactMap { item in
            guard case .list(let p) = item, p.items.count == 2, case .str(let t) = p.items[0], case .int(let l) = p.items[1]
            else { return nil }
            return StatementSplitter.Statement(text: t, line: l)
        }
    }

    func nextStatement() async -> AwaitRecord.Outcome {
        guard let llm else { return .error(type: "RuntimeError", message: "no LLM is configured") }
        let depth = frameDepth
        if responses[depth] == nil {
            if let rest = savedRest {
                responses[depth] = LiveResponse(saved: rest)
            } else {
                // The response was still arriving when the process stopped: ask for the rest.
                responses[depth] = LiveResponse(stream: llm.stream(request(continuing: true)), alreadyReceived: receivedText)
            }
        }
        var attempts = 0
        while true {
            guard let response = responses[depth] else { return .value(.none) }
            do {
                guard let statement = try await response.next() else {
                    responses[depth] = nil
                    return .value(.none)
                }
                var rest: PortableValue = .none
                if !response.restJournaled, let remaining = response.remaining {
                    rest = .list(remaining.map { .list([.str($0.text), .int($0.line)]) })
                    response.restJournaled = true
                }
                return .value(.list([.str(statement.text), .int(statement.line), rest]))
            } catch {
                attempts += 1
                if attempts > 2 {
                    responses[depth] = nil
                    return .error(type: "RuntimeError", message: "the LLM failed: \(error)")
                }
                let retry = LiveResponse(stream: llm.stream(request(continuing: true)), alreadyReceived: receivedText)
                responses[depth] = retry
            }
        }
    }
}
