import PlaybooksLanguage

/// Meetings: a host's meeting playbook invites attendees (each joins by running its own meeting
/// playbook, served like a call), the meeting's messages go to every participant, and its shared
/// state is kept by the host side (``SocietyState/Meeting/shared``).
///
/// The shared state is published and refreshed at awaits, the same live and in replay: when an
/// agent's await is applied, what its code wrote into `meeting.shared_state` since its last await
/// becomes the meeting's, and after it the agent's `meeting.shared_state` is refreshed with what
/// the others wrote. So a change is seen by the others from their next await after the writer's
/// next completed await.
extension ExecutionRunner {
    /// The meeting `member` is in now (the innermost), if any: the prelude's `__pb_meeting__`.
    func meetingID(of member: SocietyMember) -> Int? {
        if case .int(let id)? = member.vm.globals["__pb_meeting__"] { return id }
        return nil
    }

    /// The meeting `member` is in and its index in ``SocietyState/meetings``.
    func meetingIndex(of member: SocietyMember) -> Int? {
        meetingID(of: member).flatMap { society.meetingIndex($0) }
    }

    /// Whether `source` of a wait means the meeting (`meeting`, or the host of the meeting the agent attends).
    func meansMeeting(_ source: String, for member: SocietyMember) -> Bool {
        if source == "meeting" { return true }
        guard let index = meetingIndex(of: member) else { return false }
        let meeting = society.meetings[index]
        return meeting.host != member.index && members[meeting.host].name == source
    }

    /// The error a wait of `member` for `source` gets when its meeting has ended and no message of it is left.
    func meetingEndedError(for member: SocietyMember, from source: String) -> AwaitRecord.Outcome? {
        guard meansMeeting(source, for: member), let index = meetingIndex(of: member), society.meetings[index].ended else {
            return nil
        }
        return .error(type: "RuntimeError", message: "the meeting ended: \(society.meetings[index].topic) is over")
    }

    // MARK: Performing

    /// The live answer of a meeting built-in.
    func meetingAnswer(_ builtin: HostBuiltin, _ call: HostCall) -> SocietyAnswer {
        switch builtin {
        case .meetingStart:
            guard call.arguments.count == 3, case .list(let invited) = call.arguments[1] else {
                return .outcome(.error(type: "TypeError", message: "\(call.name) takes a name and two lists"))
            }
            var names: [String] = []
            var humans: [String] = []
            for value in invited.items {
                let name = vm.strText(value)
                guard let attendee = member(named: name) else {
                    if isUser(name) {
                        // A human attends at once: nothing to invite, nothing to wait for.
                        if !humans.contains(name) { humans.append(name) }
                        continue
                    }
                    let humanNames = (["user"] + program.humanAgents).joined(separator: ", ")
                    return .outcome(
                        .error(
                            type: "ValueError",
                            message: "no agent or human named \(PortableValue.str(name)) to invite to a meeting; the agents are "
                                + "\(members.map(\.name).joined(separator: ", ")), the humans \(humanNames)"))
                }
                if attendee === current { continue }
                guard attendee.program.invitedPlaybook != nil else {
                    return .outcome(
                        .error(
                            type: "ValueError",
                            message: "\(name) cannot attend a meeting: it has no meeting playbook (`meeting: true`)"))
                }
                if !names.contains(name) { names.append(name) }
            }
            let id = (society.meetings.map(\.id).max() ?? 0) + 1
            return .outcome(.value(.list([.int(id), .str(current.name), .list((names + humans).map { .str($0) }), .dict([])])))
        case .meetingReady:
            guard case .int(let id)? = call.arguments.first, let meeting = society.meeting(id) else {
                return .outcome(.error(type: "RuntimeError", message: "no such meeting"))
            }
            let missing = meeting.required.filter { !meeting.joined.contains($0) }
            return missing.isEmpty ? .outcome(.value(.none)) : .blocked(waitingToJoin(missing, meeting))
        case .meetingJoin:
            guard case .int(let id)? = call.arguments.first, let meeting = society.meeting(id) else {
                return .outcome(.error(type: "RuntimeError", message: "no such meeting"))
            }
            if meeting.ended {
                return .outcome(.error(type: "RuntimeError", message: "the meeting ended before \(current.name) joined"))
            }
            let attendees = (meeting.invited.map { members[$0].name } + meeting.humans).map { PortableValue.str($0) }
            return .outcome(.value(.list([.int(id), .str(members[meeting.host].name), .list(attendees), .dict(meeting.shared)])))
        default:
            return .outcome(.value(.none))
        }
    }

    func waitingToJoin(_ missing: [Int], _ meeting: SocietyState.Meeting) -> String {
        "waits for \(missing.map { members[$0].name }.joined(separator: ", ")) to join meeting \(meeting.id) (\(meeting.topic))"
    }

    // MARK: Applying

    /// Applies a meeting built-in's record.
    func applyMeeting(_ builtin: HostBuiltin, _ call: HostCall, _ value: PortableValue, live: Bool) {
        switch builtin {
        case .meetingStart:
            guard case .list(let info) = value, info.count == 4, case .int(let id) = info[0], case .list(let names) = info[2],
                case .list(let required) = call.arguments[2]
            else { return }
            let invited = names.compactMap { name -> Int? in
                guard case .str(let n) = name else { return nil }
                return member(named: n)?.index
            }
            var humans: [String] = []
            for case .str(let n) in names where member(named: n) == nil && isUser(n) && !humans.contains(n) { humans.append(n) }
            let requiredIndexes = required.items.compactMap { member(named: vm.strText($0))?.index }.filter(invited.contains)
            var meeting = SocietyState.Meeting(
                id: id, topic: vm.strText(call.arguments[0]), host: current.index, invited: invited, required: requiredIndexes)
            meeting.humans = humans
            society.meetings.append(meeting)
            announceMeeting(meeting, started: true, live: live)
            for attendee in invited {
                guard let playbook = members[attendee].program.invitedPlaybook else { continue }
                society.requests[attendee].append(
                    .init(
                        id: society.nextRequest, caller: current.index, playbook: playbook, arguments: [], keywordArguments: [],
                        meeting: id, sent: journal.sequence))
                society.nextRequest += 1
            }
        case .meetingJoin:
            if case .int(let id)? = call.arguments.first, let i = society.meetingIndex(id),
                !society.meetings[i].joined.contains(current.index)
            {
                society.meetings[i].joined.append(current.index)
            }
        case .meetingEnd:
            if case .int(let id)? = call.arguments.first, let i = society.meetingIndex(id) {
                society.meetings[i].ended = true
                announceMeeting(society.meetings[i], started: false, live: live)
            }
        case .meetingLeave:
            if case .int(let id)? = call.arguments.first, let i = society.meetingIndex(id) {
                society.meetings[i].joined.removeAll { $0 == current.index }
            }
        default:
            break
        }
    }

    /// Delivers `text` said by the current agent to the other participants of its meeting.
    func sayInMeeting(_ text: String) {
        guard let i = meetingIndex(of: current), !society.meetings[i].ended else { return }
        let envelope = SocietyState.Envelope(sender: current.name, target: "meeting", text: text, sent: journal.sequence)
        society.meetings[i].log.append(envelope)
        for participant in society.meetings[i].participants where participant != current.index {
            society.inboxes[participant].append(envelope)
        }
    }

    // MARK: The shared state

    /// Publishes what the current agent's code changed in `meeting.shared_state` since its last
    /// refresh (keys set or changed, keys deleted): only the changes, so an agent that did not
    /// touch a key never overwrites another's value of it.
    func publishSharedState() {
        guard let i = meetingIndex(of: current), !society.meetings[i].ended,
            case .dict(let dict)? = vm.globals["__pb_meeting_shared__"]
        else { return }
        let now = portableEntries(dict)
        var seen: [PortableEntry] = []
        if case .dict(let seenDict)? = vm.globals["__pb_meeting_seen__"] { seen = portableEntries(seenDict) }
        var shared = society.meetings[i].shared
        for entry in now where !seen.contains(entry) {
            if let j = shared.firstIndex(where: { $0.key == entry.key }) { shared[j] = entry } else { shared.append(entry) }
        }
        for entry in seen where !now.contains(where: { $0.key == entry.key }) {
            shared.removeAll { $0.key == entry.key }
        }
        society.meetings[i].shared = shared
    }

    /// Gives the current agent's `meeting.shared_state` the meeting's shared state (and remembers
    /// it as what the agent saw, for ``publishSharedState()``).
    func refreshSharedState() {
        guard let i = meetingIndex(of: current), case .dict(let dict)? = vm.globals["__pb_meeting_shared__"],
            case .dict(let fresh) = PortableValue.dict(society.meetings[i].shared).makeValue(),
            case .dict(let seen) = PortableValue.dict(society.meetings[i].shared).makeValue()
        else { return }
        dict.removeAll()
        for (key, value) in fresh.pairs {
            if let hashKey = HashKey(key) { dict[hashKey] = value }
        }
        vm.globals["__pb_meeting_seen__"] = .dict(seen)
    }

    private func portableEntries(_ dict: DictObject) -> [PortableEntry] {
        dict.pairs.compactMap { key, value in
            guard let portableKey = try? PortableValue(key) else { return nil }
            return PortableEntry(portableKey, PortableValue.converting(value, in: vm))
        }
    }
}
