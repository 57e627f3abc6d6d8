/// An event trigger the runtime matches itself: a message arriving for an idle agent, such as
/// `When you receive a message from Host` or `When a message arrives`.
///
/// When the agent is idle (not running a playbook) and a message from that sender (from anyone
/// when none is named) is in its inbox, the runtime takes the message and runs the playbook with
/// it: as the argument of a playbook with one parameter, as `message=` for one with a `message`
/// parameter, and otherwise not at all (the message is taken either way, so it triggers once).
///
/// ```swift
/// MessageTrigger(playbook: "Greet", text: "When you receive a message from Host", line: 4)?.sender   // "Host"
/// ```
public struct MessageTrigger: Sendable, Equatable {
    public var playbook: String
    /// The agent the message must come from; `nil`: any.
    public var sender: String?
    public var line: Int

    /// The runtime-matched reading of a trigger's `text`, or `nil` when it is not about a message arriving.
    public init?(playbook: String, text: String, line: Int) {
        var words = text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        let original = text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        // "T1:EVT When ...": a label first.
        var offset = 0
        if let first = words.first, first.count <= 3, first.hasPrefix("t"), first.dropFirst().allSatisfy(\.isNumber) {
            words.removeFirst()
            offset += 1
        }
        if words.first == "evt" {
            words.removeFirst()
            offset += 1
        }
        let phrases: [[String]] = [
            ["when", "you", "receive", "a", "message"], ["when", "you", "get", "a", "message"],
            ["when", "a", "message", "arrives"], ["when", "a", "message", "is", "received"],
            ["when", "receiving", "a", "message"], ["on", "message"],
        ]
        guard let phrase = phrases.first(where: { words.starts(with: $0) }) else { return nil }
        let rest = Array(words.dropFirst(phrase.count))
        if rest.isEmpty {
            sender = nil
        } else if rest.count == 2, rest[0] == "from" {
            sender = original[offset + phrase.count + 1]
        } else {
            return nil
        }
        self.playbook = playbook
        self.line = line
    }
}
