import PlaybooksLLM

/// Keeps a playbook's conversation within the model's context: when the messages of a request
/// would pass ``AgentLoopSettings/maxContextCharacters``, the oldest exchanges (a reply and the
/// runtime's answer to it) are left out — never the system prompt, the playbook call or the
/// latest exchange — and the call message says how many were left out. Which exchanges are left
/// out depends only on the conversation, so the same state always gives the same request (a
/// resumed execution asks exactly what an uninterrupted one would, and prompt caches still hit
/// the stable prefix).
enum ConversationCompaction {
    static func compact(_ messages: [LLMMessage], maxCharacters: Int) -> [LLMMessage] {
        func size(_ m: [LLMMessage]) -> Int { m.reduce(0) { $0 + $1.content.count } }
        // [system, call, (assistant, user)*, ...]: drop whole exchanges after the call.
        guard messages.count > 4, size(messages) > maxCharacters else { return messages }
        var head = Array(messages.prefix(2))
        var rest = Array(messages.dropFirst(2))
        var dropped = 0
        let marker = { (n: Int) in
            "\n[\(n) earlier exchange\(n == 1 ? "" : "s") of this playbook call (your reply and what it did) "
                + "left out to fit the model's context]\n"
        }
        while rest.count > 2, size(head) + size(rest) + marker(dropped + 1).count > maxCharacters {
            rest.removeFirst(2)
            dropped += 1
        }
        guard dropped > 0 else { return messages }
        head[1].content += marker(dropped)
        return head + rest
    }
}
