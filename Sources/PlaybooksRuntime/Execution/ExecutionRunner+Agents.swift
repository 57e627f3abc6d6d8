import PlaybooksLanguage

/// Agents made while the execution runs: `CreateAgent("Klass", **state)` always makes one;
/// `Klass.get_or_create(**state)` gives an idle agent of the class when there is one, and makes
/// one otherwise.
///
/// Which agent `get_or_create` gives is the live answer's choice, and the answer is the journal
/// record (the agent's name): a replay applies the recorded name, it does not choose again. The
/// choice itself follows only from what a resume restores exactly — each agent's pending await
/// (its VM) and the ``SocietyState`` — so an execution resumed before the record was written
/// chooses what the uninterrupted one chose.
extension ExecutionRunner {
    /// Whether `member` is idle, for `get_or_create`: it is not running a playbook and has nothing
    /// to serve. That is, it has not ended, and
    /// - it waits in `__PBIdle__` (its serving loop, between calls), or it has not run yet and has
    ///   no start playbook (so its first await will be `__PBIdle__`);
    /// - no call of its playbooks (an invitation to a meeting included) is queued for it;
    /// - no message in its inbox fires one of its message triggers.
    ///
    /// An agent in `WaitForMessage`, in a meeting, waiting for a reply or running start playbooks
    /// is busy; so is the main agent, which runs its entry playbook, and the agent asking.
    func isIdle(_ member: SocietyMember) -> Bool {
        guard !member.finished, member !== current else { return false }
        if let call = member.vm.pendingCall {
            guard call.name == HostBuiltin.idle.rawValue else { return false }
        } else {
            // Not run yet (a finished VM has no frames): idle only if it starts by serving calls.
            guard member.index != 0, member.vm.isActive, member.program.startPlaybooks.isEmpty else { return false }
        }
        return society.requests[member.index].isEmpty && triggeredByMessage(member) == nil
    }

    /// The answer of `__PBCreateAgent__(klass, kwargs)` and `__PBGetOrCreateAgent__(klass, kwargs)`:
    /// the name of the agent — a new one (`Klass#N`), or for `get_or_create` the first idle agent
    /// of the class in the society's order.
    func agentAnswer(_ builtin: HostBuiltin, _ call: HostCall) -> AwaitRecord.Outcome {
        let what = builtin == .createAgent ? "CreateAgent" : "get_or_create"
        guard call.arguments.count == 2, call.keywordArguments.isEmpty else {
            return .error(type: "TypeError", message: "\(what) takes an agent class and keyword arguments")
        }
        let klass = vm.strText(call.arguments[0])
        let classes = members[0].program.society.map(\.agent)
        guard classes.contains(klass) else {
            return .error(
                type: "ValueError",
                message: "\(what): no agent class \(PortableValue.str(klass)); the program's are \(classes.joined(separator: ", "))")
        }
        if builtin == .getOrCreateAgent, let idle = members.first(where: { $0.program.agent == klass && isIdle($0) }) {
            return .value(.str(idle.name))
        }
        let count = members.filter { $0.program.agent == klass }.count
        return .value(.str("\(klass)#\(count + 1)"))
    }

    /// Applies the record of `CreateAgent` or `get_or_create`: when it names an agent that is not
    /// there yet, that agent is made, with the call's keyword arguments as its `$` state (an
    /// existing agent given by `get_or_create` keeps its state).
    func applyAgent(_ call: HostCall, _ value: PortableValue) {
        guard case .str(let name) = value, member(named: name) == nil, call.arguments.count == 2 else { return }
        var variables: [PortableEntry] = []
        if case .dict(let kwargs) = call.arguments[1] {
            variables = kwargs.pairs.map { PortableEntry(.str(vm.strText($0.key)), PortableValue.converting($0.value, in: vm)) }
        }
        // The class's VM compiled when the execution began, so this one does too.
        try? addMember(klass: vm.strText(call.arguments[0]), name: name, variables: variables)
    }

    // MARK: Humans in meetings

    /// The human a message from the user comes from when `member` waits for `source`: when
    /// `source` is `meeting` (or one of its human attendees) and `member`'s meeting, not ended,
    /// has human attendees, the user's next message is a message of the meeting — from the human
    /// waited for, else from the meeting's first human attendee. `nil` for any other wait.
    func humanSpeaker(for member: SocietyMember, from source: String) -> String? {
        guard let index = meetingIndex(of: member), !society.meetings[index].ended else { return nil }
        let humans = society.meetings[index].humans
        if source == "meeting" { return humans.first }
        return humans.contains(source) ? source : nil
    }

    /// Before a wait's record is applied: when the wait takes the user's next message as a
    /// message of the meeting from a human attendee, that message goes into the meeting's log and
    /// to its other participants (the waiting agent takes it as its answer).
    func deliverHumanMeetingMessage(_ call: HostCall, source: String, takesUserMessage: Bool) {
        guard takesUserMessage, let human = humanSpeaker(for: current, from: source), let i = meetingIndex(of: current) else {
            return
        }
        let user = members[0].agent
        let taken = members.reduce(0) { $0 + PreludeGlobals(vm: $1.vm).messagesTaken }
        guard taken < user.messages.count else { return }
        let envelope = SocietyState.Envelope(sender: human, target: "meeting", text: user.messages[taken], sent: journal.sequence)
        society.meetings[i].log.append(envelope)
        for participant in society.meetings[i].participants where participant != current.index {
            society.inboxes[participant].append(envelope)
        }
    }

    /// What the transcript (and the run's output) says of a meeting with human attendees when it
    /// starts and when it ends: the humans are in it from its start and see its messages, which
    /// the output shows as `Host -> meeting: ...`.
    func announceMeeting(_ meeting: SocietyState.Meeting, started: Bool, live: Bool) {
        guard !meeting.humans.isEmpty else { return }
        let text: String
        if started {
            let attendees = meeting.invited.map { members[$0].name } + meeting.humans.map { "\($0) (human)" }
            text =
                "meeting \(meeting.id) (\(meeting.topic)) started by \(members[meeting.host].name); attendees: "
                + attendees.joined(separator: ", ")
        } else {
            text = "meeting \(meeting.id) (\(meeting.topic)) ended"
        }
        let message = Message(sender: members[meeting.host].name, target: "meeting", text: text)
        PreludeGlobals(vm: vm).appendToTranscript(message, sequence: transcriptSequence)
        if live { onEvent(.said(message)) }
    }
}
