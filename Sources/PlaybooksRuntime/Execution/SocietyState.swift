import PlaybooksLanguage

/// What the host keeps between the agents of a society: the messages sent to each agent and not
/// yet taken, the calls of its playbooks other agents made and it has not yet served, and the
/// replies not yet taken by their callers.
///
/// It changes only when a journal record is applied (live or in replay alike), so after a resume
/// it equals the uninterrupted run's; it is part of every society snapshot (see
/// ``SocietySnapshot``). Which agent waits for what is not kept: it follows from each agent's
/// pending await.
struct SocietyState: Equatable {
    /// A message between agents (or from an agent to the user).
    struct Envelope: Equatable {
        var sender: String
        var target: String
        var text: String
        /// The journal record that sent it (so an idle agent takes messages and calls in the order they came).
        var sent = 0
    }

    /// A call of agent `callee`'s playbook made by agent `caller` (indexes of the society's members).
    struct Request: Equatable {
        var id: Int
        var caller: Int
        var playbook: String
        var arguments: [PortableValue]
        var keywordArguments: [PortableEntry]
        /// For an invitation: the meeting (0: a call).
        var meeting = 0
        /// The journal record that made it.
        var sent = 0

        /// As the serving agent's code gets it: `[id, playbook, args, kwargs]`, and the meeting for an invitation.
        var portable: PortableValue {
            let call: [PortableValue] = [.int(id), .str(playbook), .list(arguments), .dict(keywordArguments)]
            return .list(meeting == 0 ? call : call + [.int(meeting)])
        }
    }

    /// A meeting: its host, who was invited and who joined, the state its participants share and
    /// the messages said in it.
    struct Meeting: Equatable {
        var id: Int
        /// The host's meeting playbook.
        var topic: String
        var host: Int
        var invited: [Int]
        /// The attendees the meeting waits for before it begins.
        var required: [Int]
        var joined: [Int] = []
        /// The humans among the attendees (`user`, `human` or a human agent of the program, as the
        /// host named them): a human is always there, so they are in the meeting from its start
        /// and never hold it up; what the user says while an agent of the meeting waits for it
        /// comes to the meeting from the first of them (see ``ExecutionRunner/humanSpeaker(for:from:)``).
        var humans: [String] = []
        var shared: [PortableEntry] = []
        var log: [Envelope] = []
        var ended = false

        /// Everyone in the meeting now: the host, then the attendees in the order they joined.
        var participants: [Int] { [host] + joined }
    }

    /// Per member: messages sent to it and not yet taken, oldest first.
    var inboxes: [[Envelope]]
    /// Per member: calls of its playbooks not yet served, oldest first.
    var requests: [[Request]]
    /// Replies not yet taken, by request id.
    var replies: [Int: AwaitRecord.Outcome] = [:]
    /// The id of the next request.
    var nextRequest = 1
    /// Set by `EndProgram()`.
    var ended = false
    /// Every meeting of the execution, in the order they started (ended ones too).
    var meetings: [Meeting] = []
    /// Agents made with `CreateAgent`, in order: their class and their name. They follow the
    /// program's agents in the society (so the first has index `members - created.count`).
    var created: [Created] = []

    struct Created: Equatable {
        var klass: String
        var name: String
    }

    /// Adds the place of one more agent.
    mutating func addMember(_ created: Created) {
        self.created.append(created)
        inboxes.append([])
        requests.append([])
    }

    /// The meeting with id `id`.
    func meeting(_ id: Int) -> Meeting? { meetings.first { $0.id == id } }

    /// The index in ``meetings`` of the meeting with id `id`.
    func meetingIndex(_ id: Int) -> Int? { meetings.firstIndex { $0.id == id } }

    init(members: Int) {
        inboxes = Array(repeating: [], count: members)
        requests = Array(repeating: [], count: members)
    }

    /// Whether nothing is pending (a fresh society's state).
    var isEmpty: Bool {
        inboxes.allSatisfy(\.isEmpty) && requests.allSatisfy(\.isEmpty) && replies.isEmpty && nextRequest == 1 && !ended
            && meetings.isEmpty && created.isEmpty
    }

    /// The index in `member`'s inbox of the first message from `source` (`*`: from anyone,
    /// `meeting`: said in a meeting).
    func firstMessage(for member: Int, from source: String) -> Int? {
        guard member < inboxes.count else { return nil }
        return inboxes[member].firstIndex { source == "*" || $0.sender == source || (source == "meeting" && $0.target == "meeting") }
    }

    // MARK: Encoding

    /// The state as plain data, for a snapshot.
    var portable: PortableValue {
        let inboxes = PortableValue.list(
            self.inboxes.map { .list($0.map { .list([.str($0.sender), .str($0.target), .str($0.text), .int($0.sent)]) }) })
        let requests = PortableValue.list(
            self.requests.map {
                .list(
                    $0.map {
                        .list([
                            .int($0.id), .int($0.caller), .str($0.playbook), .list($0.arguments), .dict($0.keywordArguments),
                            .int($0.meeting), .int($0.sent),
                        ])
                    })
            })
        let replies = PortableValue.list(
            self.replies.sorted { $0.key < $1.key }.map { id, outcome in
                switch outcome {
                case .value(let v): return .list([.int(id), .int(0), v])
                case .error(let type, let message): return .list([.int(id), .int(1), .str(type), .str(message)])
                }
            })
        let meetings = PortableValue.list(
            self.meetings.map { m in
                .list([
                    .int(m.id), .str(m.topic), .int(m.host), .list(m.invited.map { .int($0) }), .list(m.required.map { .int($0) }),
                    .list(m.joined.map { .int($0) }), .dict(m.shared),
                    .list(m.log.map { .list([.str($0.sender), .str($0.target), .str($0.text)]) }), .bool(m.ended),
                    .list(m.humans.map { .str($0) }),
                ])
            })
        return .dict([
            PortableEntry(.str("inboxes"), inboxes), PortableEntry(.str("requests"), requests),
            PortableEntry(.str("replies"), replies), PortableEntry(.str("next"), .int(nextRequest)),
            PortableEntry(.str("ended"), .bool(ended)), PortableEntry(.str("meetings"), meetings),
            PortableEntry(.str("created"), .list(created.map { .list([.str($0.klass), .str($0.name)]) })),
        ])
    }

    /// Reads what ``portable`` wrote, for a program of `members` agents (and those its
    /// `CreateAgent` calls made, which the state lists).
    init(portable: PortableValue, members programAgents: Int) throws(RecordFormatError) {
        guard case .dict(let entries) = portable else { throw RecordFormatError("the society state is not a dict") }
        var fields: [String: PortableValue] = [:]
        for entry in entries { if case .str(let key) = entry.key { fields[key] = entry.value } }
        guard case .list(let createdList)? = fields["created"] else { throw RecordFormatError("the society state lacks created") }
        var created: [Created] = []
        for item in createdList {
            guard case .list(let f) = item, f.count == 2, case .str(let klass) = f[0], case .str(let name) = f[1] else {
                throw RecordFormatError("bad created agent")
            }
            created.append(Created(klass: klass, name: name))
        }
        let members = programAgents + created.count
        guard case .list(let inboxes)? = fields["inboxes"], case .list(let requests)? = fields["requests"],
            case .list(let replies)? = fields["replies"], case .int(let next)? = fields["next"],
            case .bool(let ended)? = fields["ended"], inboxes.count == members, requests.count == members
        else { throw RecordFormatError("the society state lacks a field, or is for another number of agents") }
        self.init(members: members)
        self.created = created
        self.nextRequest = next
        self.ended = ended
        for (member, inbox) in inboxes.enumerated() {
            guard case .list(let messages) = inbox else { throw RecordFormatError("bad inbox") }
            for message in messages {
                guard case .list(let f) = message, f.count == 4, case .str(let sender) = f[0], case .str(let target) = f[1],
                    case .str(let text) = f[2], case .int(let sent) = f[3]
                else { throw RecordFormatError("bad message in an inbox") }
                self.inboxes[member].append(Envelope(sender: sender, target: target, text: text, sent: sent))
            }
        }
        for (member, queue) in requests.enumerated() {
            guard case .list(let items) = queue else { throw RecordFormatError("bad request queue") }
            for item in items {
                guard case .list(let f) = item, f.count == 7, case .int(let id) = f[0], case .int(let caller) = f[1],
                    case .str(let playbook) = f[2], case .list(let arguments) = f[3], case .dict(let keywords) = f[4],
                    case .int(let meeting) = f[5], case .int(let sent) = f[6], caller >= 0, caller < members
                else { throw RecordFormatError("bad request") }
                self.requests[member].append(
                    Request(
                        id: id, caller: caller, playbook: playbook, arguments: arguments, keywordArguments: keywords, meeting: meeting,
                        sent: sent))
            }
        }
        guard case .list(let meetings)? = fields["meetings"] else { throw RecordFormatError("the society state lacks meetings") }
        let agent = { (v: PortableValue) throws(RecordFormatError) -> Int in
            guard case .int(let i) = v, i >= 0, i < members else { throw RecordFormatError("bad agent index in a meeting") }
            return i
        }
        for item in meetings {
            // Nine fields were written before meetings had human attendees.
            guard case .list(let f) = item, f.count == 9 || f.count == 10, case .int(let id) = f[0], case .str(let topic) = f[1],
                case .list(let invited) = f[3], case .list(let required) = f[4], case .list(let joined) = f[5],
                case .dict(let shared) = f[6], case .list(let log) = f[7], case .bool(let ended) = f[8]
            else { throw RecordFormatError("bad meeting") }
            var meeting = Meeting(
                id: id, topic: topic, host: try agent(f[2]), invited: try invited.map(agent), required: try required.map(agent))
            meeting.joined = try joined.map(agent)
            meeting.shared = shared
            meeting.ended = ended
            if f.count == 10 {
                guard case .list(let humans) = f[9] else { throw RecordFormatError("bad human attendees of a meeting") }
                for human in humans {
                    guard case .str(let name) = human, !name.isEmpty, !meeting.humans.contains(name) else {
                        throw RecordFormatError("bad human attendee of a meeting")
                    }
                    meeting.humans.append(name)
                }
            }
            for message in log {
                guard case .list(let m) = message, m.count == 3, case .str(let sender) = m[0], case .str(let target) = m[1],
                    case .str(let text) = m[2]
                else { throw RecordFormatError("bad message in a meeting's log") }
                meeting.log.append(Envelope(sender: sender, target: target, text: text))
            }
            self.meetings.append(meeting)
        }
        for reply in replies {
            guard case .list(let f) = reply, f.count >= 3, case .int(let id) = f[0], case .int(let tag) = f[1] else {
                throw RecordFormatError("bad reply")
            }
            if tag == 0, f.count == 3 {
                self.replies[id] = .value(f[2])
            } else if tag == 1, f.count == 4, case .str(let type) = f[2], case .str(let message) = f[3] {
                self.replies[id] = .error(type: type, message: message)
            } else {
                throw RecordFormatError("bad reply")
            }
        }
    }
}
