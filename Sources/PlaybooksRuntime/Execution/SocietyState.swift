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
    }

    /// A call of agent `callee`'s playbook made by agent `caller` (indexes of the society's members).
    struct Request: Equatable {
        var id: Int
        var caller: Int
        var playbook: String
        var arguments: [PortableValue]
        var keywordArguments: [PortableEntry]

        /// As the serving agent's code gets it: `[id, playbook, args, kwargs]`.
        var portable: PortableValue { .list([.int(id), .str(playbook), .list(arguments), .dict(keywordArguments)]) }
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

    init(members: Int) {
        inboxes = Array(repeating: [], count: members)
        requests = Array(repeating: [], count: members)
    }

    /// Whether nothing is pending (a fresh society's state).
    var isEmpty: Bool {
        inboxes.allSatisfy(\.isEmpty) && requests.allSatisfy(\.isEmpty) && replies.isEmpty && nextRequest == 1 && !ended
    }

    /// The index in `member`'s inbox of the first message from `source` (`*`: from anyone).
    func firstMessage(for member: Int, from source: String) -> Int? {
        guard member < inboxes.count else { return nil }
        return inboxes[member].firstIndex { source == "*" || $0.sender == source }
    }

    // MARK: Encoding

    /// The state as plain data, for a snapshot.
    var portable: PortableValue {
        let inboxes = PortableValue.list(
            self.inboxes.map { .list($0.map { .list([.str($0.sender), .str($0.target), .str($0.text)]) }) })
        let requests = PortableValue.list(
            self.requests.map {
                .list(
                    $0.map {
                        .list([.int($0.id), .int($0.caller), .str($0.playbook), .list($0.arguments), .dict($0.keywordArguments)])
                    })
            })
        let replies = PortableValue.list(
            self.replies.sorted { $0.key < $1.key }.map { id, outcome in
                switch outcome {
                case .value(let v): return .list([.int(id), .int(0), v])
                case .error(let type, let message): return .list([.int(id), .int(1), .str(type), .str(message)])
                }
            })
        return .dict([
            PortableEntry(.str("inboxes"), inboxes), PortableEntry(.str("requests"), requests),
            PortableEntry(.str("replies"), replies), PortableEntry(.str("next"), .int(nextRequest)),
            PortableEntry(.str("ended"), .bool(ended)),
        ])
    }

    /// Reads what ``portable`` wrote, for a society of `members` agents.
    init(portable: PortableValue, members: Int) throws(RecordFormatError) {
        guard case .dict(let entries) = portable else { throw RecordFormatError("the society state is not a dict") }
        var fields: [String: PortableValue] = [:]
        for entry in entries { if case .str(let key) = entry.key { fields[key] = entry.value } }
        guard case .list(let inboxes)? = fields["inboxes"], case .list(let requests)? = fields["requests"],
            case .list(let replies)? = fields["replies"], case .int(let next)? = fields["next"],
            case .bool(let ended)? = fields["ended"], inboxes.count == members, requests.count == members
        else { throw RecordFormatError("the society state lacks a field, or is for another number of agents") }
        self.init(members: members)
        self.nextRequest = next
        self.ended = ended
        for (member, inbox) in inboxes.enumerated() {
            guard case .list(let messages) = inbox else { throw RecordFormatError("bad inbox") }
            for message in messages {
                guard case .list(let f) = message, f.count == 3, case .str(let sender) = f[0], case .str(let target) = f[1],
                    case .str(let text) = f[2]
                else { throw RecordFormatError("bad message in an inbox") }
                self.inboxes[member].append(Envelope(sender: sender, target: target, text: text))
            }
        }
        for (member, queue) in requests.enumerated() {
            guard case .list(let items) = queue else { throw RecordFormatError("bad request queue") }
            for item in items {
                guard case .list(let f) = item, f.count == 5, case .int(let id) = f[0], case .int(let caller) = f[1],
                    case .str(let playbook) = f[2], case .list(let arguments) = f[3], case .dict(let keywords) = f[4],
                    caller >= 0, caller < members
                else { throw RecordFormatError("bad request") }
                self.requests[member].append(
                    Request(id: id, caller: caller, playbook: playbook, arguments: arguments, keywordArguments: keywords))
            }
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
