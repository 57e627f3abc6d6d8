import PlaybooksLanguage

/// The agents of one execution together: messages between them (`SendMessage`, `Say` to an
/// agent, `WaitForMessage` from one), calls of another agent's public playbooks (a request and
/// its reply, both journaled), `EndProgram()`, and the scheduler that picks which agent runs.
///
/// Scheduling is deterministic: the agent that awaited last goes on while it can; when it must
/// wait, the next agent after it (in the society's order, wrapping around) that can go on runs.
/// Whether an agent can go on follows from its pending await and the ``SocietyState``, both
/// restored exactly by a resume, so a resumed execution makes the same choices.
extension ExecutionRunner {
    /// What a live society built-in does: an answer to record, or the wait it must make.
    enum SocietyAnswer {
        case outcome(AwaitRecord.Outcome)
        case blocked(String)
    }

    /// The sequence kept with a message said, in a society (see ``PreludeGlobals/appendToTranscript(_:sequence:)``).
    var transcriptSequence: Int? { members.count > 1 ? journal.sequence : nil }

    /// Whether `name` stands for the user: `user`, `human` (any case) or a human agent of the program.
    func isUser(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "user" || lower == "human" || program.humanAgents.contains(name)
    }

    /// The member called `name`.
    func member(named name: String) -> SocietyMember? {
        members.first { $0.name == name }
    }

    private var agentNames: String {
        (members.map { $0.name } + ["user"]).joined(separator: ", ")
    }

    /// How many of the user's messages the agents have taken, together.
    private var userMessagesTaken: Int {
        members.reduce(0) { $0 + PreludeGlobals(vm: $1.vm).messagesTaken }
    }

    /// Where `member`'s `WaitForMessage(source)` takes its message from now: the index of a
    /// message in its inbox, the user's next message (`-1`), or nothing yet (`nil`). A message
    /// in the inbox from a human comes from a meeting (one a human attendee said there).
    private func messageSource(for member: SocietyMember, from source: String) -> Int? {
        if let index = society.firstMessage(for: member.index, from: source) { return index }
        if isUser(source) || source == "*" || humanSpeaker(for: member, from: source) != nil,
            members[0].agent.nextMessage(taken: userMessagesTaken) != nil
        {
            return -1
        }
        return nil
    }

    /// The error for a wait whose source is neither the user, `*`, `meeting` nor an agent (`nil` when it is one).
    func unknownSource(_ source: String) -> AwaitRecord.Outcome? {
        if isUser(source) || source == "*" || source == "meeting" || member(named: source) != nil { return nil }
        return .error(type: "ValueError", message: "no agent named \(PortableValue.str(source)) to wait for; the agents are \(agentNames)")
    }

    /// The source of a `WaitForMessage` / `Yield` call (`user` when none is given).
    private func waitSource(_ call: HostCall, in vm: VirtualMachine) -> String {
        call.arguments.first.map { vm.strText($0) } ?? "user"
    }

    // MARK: Performing

    /// The live answer of a society built-in, or `nil` for the other built-ins.
    func societyAnswer(_ builtin: HostBuiltin, _ call: HostCall) -> SocietyAnswer? {
        switch builtin {
        case .waitForMessage, .yield:
            if let error = BuiltinEffects.checkArguments(call, min: 0, max: 1) { return .outcome(error) }
            let source = waitSource(call, in: vm)
            if let error = unknownSource(source) { return .outcome(error) }
            guard let index = messageSource(for: current, from: source) else {
                return meetingEndedError(for: current, from: source).map { .outcome($0) } ?? .blocked(source)
            }
            if index < 0 { return .outcome(.value(.str(members[0].agent.messages[userMessagesTaken]))) }
            return .outcome(.value(.str(society.inboxes[current.index][index].text)))
        case .say where call.arguments.count == 2 && vm.strText(call.arguments[0]) == "meeting",
            .sendMessage where call.arguments.count == 2 && vm.strText(call.arguments[0]) == "meeting":
            guard let i = meetingIndex(of: current), !society.meetings[i].ended else {
                return .outcome(.error(type: "ValueError", message: "\(current.name) is not in a meeting"))
            }
            return builtin == .say ? nil : .outcome(.value(.none))
        case .meetingStart, .meetingReady, .meetingJoin, .meetingEnd, .meetingLeave:
            return meetingAnswer(builtin, call)
        case .createAgent, .getOrCreateAgent:
            return .outcome(agentAnswer(builtin, call))
        case .sendMessage:
            if let error = BuiltinEffects.checkArguments(call, min: 2, max: 2) { return .outcome(error) }
            let target = vm.strText(call.arguments[0])
            if isUser(target) { return .outcome(.value(.none)) }
            guard let to = member(named: target) else {
                return .outcome(
                    .error(type: "ValueError", message: "no agent named \(PortableValue.str(target)); the agents are \(agentNames)"))
            }
            if to === current {
                return .outcome(.error(type: "ValueError", message: "an agent cannot send a message to itself"))
            }
            return .outcome(.value(.none))
        case .endProgram:
            return .outcome(BuiltinEffects.checkArguments(call, min: 0, max: 0) ?? .value(.none))
        case .request:
            return .outcome(requestAnswer(call))
        case .awaitReply:
            guard case .int(let id)? = call.arguments.first else {
                return .outcome(.error(type: "TypeError", message: "\(call.name) takes a request id"))
            }
            if let reply = society.replies[id] { return .outcome(reply) }
            return .blocked("the reply to its call")
        case .reply:
            return .outcome(BuiltinEffects.checkArguments(call, min: 3, max: 3) ?? .value(.none))
        case .idle:
            switch idleWork(current) {
            case .call(let request): return .outcome(.value(request.portable))
            case .message(let trigger, let index):
                return .outcome(.value(triggeredCall(trigger, message: society.inboxes[current.index][index], for: current)))
            case nil: return .blocked("calls from other agents")
            }
        case .wait:
            if let error = BuiltinEffects.checkArguments(call, min: 1, max: 1) { return .outcome(error) }
            let source = waitSource(call, in: vm)
            if let error = unknownSource(source) { return .outcome(error) }
            if let index = messageSource(for: current, from: source) {
                let text = index < 0 ? members[0].agent.messages[userMessagesTaken] : society.inboxes[current.index][index].text
                // Then who sent it: `user`, or the sending agent (a fork counts the user's), and
                // to whom: this agent, or `meeting` (said in its meeting); a user's message said
                // in a meeting with human attendees adds the human it comes from.
                guard index < 0 else {
                    let message = society.inboxes[current.index][index]
                    return .outcome(.value(.list([.str("message"), .str(text), .str(message.sender), .str(message.target)])))
                }
                if let human = humanSpeaker(for: current, from: source) {
                    return .outcome(.value(.list([.str("message"), .str(text), .str("user"), .str("meeting"), .str(human)])))
                }
                return .outcome(.value(.list([.str("message"), .str(text), .str("user"), .str(current.name)])))
            }
            if let request = society.requests[current.index].first { return .outcome(.value(.list([.str("call"), request.portable]))) }
            return meetingEndedError(for: current, from: source).map { .outcome($0) } ?? .blocked(source)
        default:
            return nil
        }
    }

    /// The answer to `__PBRequest__(agent, playbook, args, kwargs)`: the request's id, or why the call cannot be made.
    private func requestAnswer(_ call: HostCall) -> AwaitRecord.Outcome {
        guard call.arguments.count == 4 else { return .error(type: "TypeError", message: "\(call.name) takes 4 arguments") }
        let target = vm.strText(call.arguments[0])
        let playbook = vm.strText(call.arguments[1])
        guard let callee = member(named: target) else {
            return .error(type: "ValueError", message: "no agent named \(PortableValue.str(target)); the agents are \(agentNames)")
        }
        if callee === current {
            return .error(
                type: "ValueError", message: "\(target).\(playbook): an agent calls its own playbooks directly (await \(playbook)(...))")
        }
        let catalog = callee.program.catalog
        if !catalog.isEmpty {
            guard catalog.contains(where: { $0.name == playbook }) else {
                return .error(type: "AttributeError", message: "agent \(target) has no playbook \(playbook)")
            }
            guard callee.program.publicPlaybooks.contains(playbook) else {
                let open = callee.program.publicPlaybooks
                return .error(
                    type: "AttributeError",
                    message: "\(target).\(playbook) is not public: other agents may call only playbooks marked `public: true`"
                        + (open.isEmpty ? " (\(target) has none)" : " (\(target)'s: \(open.joined(separator: ", ")))"))
            }
        }
        return .value(.int(society.nextRequest))
    }

    // MARK: Applying

    /// Applies the effects of a society built-in's record (live or in replay alike); returns
    /// whether it did all there is to do (otherwise ``BuiltinEffects`` applies the rest).
    func applyInSociety(_ builtin: HostBuiltin, _ call: HostCall, _ outcome: AwaitRecord.Outcome, live: Bool) -> Bool {
        if builtin == .awaitReply {
            // Its outcome is the reply, a value or an error: either way the reply is taken.
            if case .int(let id)? = call.arguments.first { society.replies[id] = nil }
            return true
        }
        guard case .value(let value) = outcome else { return false }
        if builtin == .waitForMessage || builtin == .yield || builtin == .wait {
            // The user's message, taken in a meeting with human attendees, is one of the meeting's.
            let source = waitSource(call, in: vm)
            deliverHumanMeetingMessage(call, source: source, takesUserMessage: messageSource(for: current, from: source) == -1)
        }
        switch builtin {
        case .waitForMessage, .yield:
            let source = waitSource(call, in: vm)
            guard let index = messageSource(for: current, from: source), index >= 0 else { return false }
            let message = society.inboxes[current.index].remove(at: index)
            PreludeGlobals(vm: vm).nearestLogging?.appendToLog(ResponseLog.data(.received(source: message.sender, text: message.text)))
            return true
        case .say:
            if call.arguments.count == 2, vm.strText(call.arguments[0]) == "meeting" {
                sayInMeeting(vm.strText(call.arguments[1]))
            } else if members.count > 1, call.arguments.count == 2, let to = member(named: vm.strText(call.arguments[0])),
                to !== current
            {
                let text = vm.strText(call.arguments[1])
                society.inboxes[to.index].append(
                    .init(sender: current.name, target: to.name, text: text, sent: journal.sequence))
            }
            return false
        case .sendMessage:
            let target = vm.strText(call.arguments[0])
            let text = vm.strText(call.arguments[1])
            let message = Message(sender: current.name, target: isUser(target) ? "user" : target, text: text)
            if target == "meeting" {
                sayInMeeting(text)
            } else if let to = member(named: target), !isUser(target) {
                society.inboxes[to.index].append(.init(sender: message.sender, target: target, text: text, sent: journal.sequence))
            }
            let prelude = PreludeGlobals(vm: vm)
            prelude.appendToTranscript(message, sequence: transcriptSequence)
            prelude.nearestLogging?.appendToLog(ResponseLog.data(.said(target: message.target, text: text)))
            if live { onEvent(.said(message)) }
            return true
        case .endProgram:
            society.ended = true
            return true
        case .meetingStart, .meetingReady, .meetingJoin, .meetingEnd, .meetingLeave:
            applyMeeting(builtin, call, value, live: live)
            return true
        case .createAgent, .getOrCreateAgent:
            applyAgent(call, value)
            return true
        case .request:
            guard case .int(let id) = value, let callee = member(named: vm.strText(call.arguments[0])) else { return true }
            var arguments: [PortableValue] = []
            if case .list(let items) = call.arguments[2] {
                arguments = items.items.map { PortableValue.converting($0, in: vm) }
            }
            var keywords: [PortableEntry] = []
            if case .dict(let d) = call.arguments[3] {
                keywords = d.pairs.map { PortableEntry(.str(vm.strText($0.key)), PortableValue.converting($0.value, in: vm)) }
            }
            society.requests[callee.index].append(
                .init(
                    id: id, caller: current.index, playbook: vm.strText(call.arguments[1]), arguments: arguments,
                    keywordArguments: keywords, sent: journal.sequence))
            society.nextRequest = id + 1
            return true
        case .reply:
            guard case .int(let id) = call.arguments[0] else { return true }
            if case .list(let failure) = call.arguments[2], failure.items.count == 2 {
                society.replies[id] = .error(type: vm.strText(failure.items[0]), message: vm.strText(failure.items[1]))
            } else {
                society.replies[id] = .value(PortableValue.converting(call.arguments[1], in: vm))
            }
            return true
        case .idle:
            switch idleWork(current) {
            case .call: society.requests[current.index].removeFirst()
            case .message(_, let index):
                let message = society.inboxes[current.index].remove(at: index)
                PreludeGlobals(vm: vm).nearestLogging?.appendToLog(ResponseLog.data(.received(source: message.sender, text: message.text)))
            case nil: break
            }
            return true
        case .wait:
            guard case .list(let got) = value, case .str(let kind)? = got.first else { return true }
            if kind == "call" {
                if !society.requests[current.index].isEmpty { society.requests[current.index].removeFirst() }
                return true
            }
            let source = waitSource(call, in: vm)
            guard let index = messageSource(for: current, from: source) else { return true }
            let prelude = PreludeGlobals(vm: vm)
            if index < 0 {
                prelude.messagesTaken += 1
                if case .str(let text)? = got.dropFirst().first {
                    prelude.nearestLogging?.appendToLog(ResponseLog.data(.received(source: "user", text: text)))
                }
            } else {
                let message = society.inboxes[current.index].remove(at: index)
                prelude.nearestLogging?.appendToLog(ResponseLog.data(.received(source: message.sender, text: message.text)))
            }
            return true
        default:
            return false
        }
    }

    // MARK: Message triggers

    /// What an idle agent does next: serve a call, or run a playbook a message triggered.
    enum IdleWork {
        case call(SocietyState.Request)
        case message(MessageTrigger, Int)
    }

    /// The call or the triggering message that came first (by the record that made it), if any.
    func idleWork(_ member: SocietyMember) -> IdleWork? {
        let request = society.requests[member.index].first
        let triggered = triggeredByMessage(member)
        switch (request, triggered) {
        case (let r?, let (trigger, index)?):
            return society.inboxes[member.index][index].sent < r.sent ? .message(trigger, index) : .call(r)
        case (let r?, nil): return .call(r)
        case (nil, let (trigger, index)?): return .message(trigger, index)
        case (nil, nil): return nil
        }
    }

    /// The first of `member`'s message triggers that a message in its inbox fires, and the message's index.
    func triggeredByMessage(_ member: SocietyMember) -> (MessageTrigger, Int)? {
        guard member.index < society.inboxes.count else { return nil }
        for trigger in member.program.messageTriggers {
            let index = society.inboxes[member.index].firstIndex { message in
                message.target != "meeting" && (trigger.sender == nil || trigger.sender == message.sender)
            }
            if let index { return (trigger, index) }
        }
        return nil
    }

    /// The call an idle agent makes of a playbook a message triggered: `[0, playbook, args, kwargs,
    /// None, [text, sender, target]]` (request 0: nobody waits for a reply), the message given as
    /// the playbook's parameter (the prelude makes it a `Message` from the last element).
    func triggeredCall(_ trigger: MessageTrigger, message: SocietyState.Envelope, for member: SocietyMember) -> PortableValue {
        let parameters = member.program.catalog.first { $0.name == trigger.playbook }?.parameters ?? []
        var arguments: [PortableValue] = []
        var keywords: [PortableEntry] = []
        if parameters.contains("message") {
            keywords = [PortableEntry(.str("message"), .str(message.text))]
        } else if parameters.count == 1 {
            arguments = [.str(message.text)]
        }
        return .list([
            .int(0), .str(trigger.playbook), .list(arguments), .dict(keywords), .none,
            .list([.str(message.text), .str(message.sender), .str(message.target)]),
        ])
    }

    // MARK: Scheduling

    /// What `member` waits for and cannot have yet, or `nil` when it can go on (or has not run to an await yet).
    func blockedReason(_ member: SocietyMember) -> String? {
        if member.finished { return "has ended" }
        guard let call = member.vm.pendingCall, let builtin = HostBuiltin(rawValue: call.name) else { return nil }
        switch builtin {
        case .waitForMessage, .yield:
            guard call.arguments.count <= 1, call.keywordArguments.isEmpty else { return nil }
            let source = waitSource(call, in: member.vm)
            if unknownSource(source) != nil { return nil }
            if meetingEndedError(for: member, from: source) != nil { return nil }
            return messageSource(for: member, from: source) == nil ? "waits for a message from \(source)" : nil
        case .awaitReply:
            guard case .int(let id)? = call.arguments.first else { return nil }
            return society.replies[id] == nil ? "waits for the reply to a call of another agent's playbook" : nil
        case .idle:
            return idleWork(member) == nil ? "is idle" : nil
        case .wait:
            guard call.arguments.count == 1 else { return nil }
            let source = waitSource(call, in: member.vm)
            if unknownSource(source) != nil { return nil }
            if messageSource(for: member, from: source) != nil || !society.requests[member.index].isEmpty { return nil }
            if meetingEndedError(for: member, from: source) != nil { return nil }
            return "waits for a message from \(source)"
        case .meetingReady:
            guard case .int(let id)? = call.arguments.first, let meeting = society.meeting(id) else { return nil }
            let missing = meeting.required.filter { !meeting.joined.contains($0) }
            return missing.isEmpty ? nil : waitingToJoin(missing, meeting)
        default:
            return nil
        }
    }

    /// The next agent after the current one (wrapping around, the current one last) that can go on.
    func nextRunnable() throws(ExecutionError) -> SocietyMember? {
        guard members.count > 1 else { return nil }
        for step in 1...members.count {
            let candidate = members[(current.index + step) % members.count]
            if blockedReason(candidate) == nil { return candidate }
        }
        return nil
    }

    /// Whether some agent waits for a message from the user (so the execution waits for one).
    func waitsForUser() -> Bool {
        members.contains { member in
            guard !member.finished, let call = member.vm.pendingCall, let builtin = HostBuiltin(rawValue: call.name),
                builtin == .waitForMessage || builtin == .yield || builtin == .wait
            else { return false }
            let source = waitSource(call, in: member.vm)
            return isUser(source) || source == "*" || humanSpeaker(for: member, from: source) != nil
        }
    }

    /// The error of an execution whose agents all wait for each other.
    func deadlockText() -> String {
        let waits = members.map { "\($0.name) \(blockedReason($0) ?? "can go on")" }
        return "every agent waits and none can go on: " + waits.joined(separator: "; ")
    }
}
