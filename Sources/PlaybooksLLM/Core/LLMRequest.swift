/// One LLM call: the conversation and the sampling settings.
///
/// ```swift
/// let request = LLMRequest(messages: [.system("You run playbooks."), .user("Begin.")], callIndex: 0)
/// for try await delta in provider.stream(request) { print(delta, terminator: "") }
/// ```
public struct LLMRequest: Sendable, Equatable {
    /// The conversation, oldest first.
    public var messages: [LLMMessage]
    /// The model; `nil` uses the provider's configured model.
    public var model: String?
    /// The most tokens the reply may have; `nil` uses the provider's default.
    public var maxTokens: Int?
    /// Sampling temperature; `nil` leaves it to the server.
    public var temperature: Double?
    /// Which LLM call of the execution this is (0-based, from durable state).
    ///
    /// The scripted provider answers reply number `callIndex`; the HTTP providers ignore it. Because it comes from
    /// the execution's durable state, a resumed execution asks for the same reply it would have asked for.
    public var callIndex: Int
    /// Which agent's playbook makes this call, as `AgentName.PlaybookName` (`"Host.Main"`); `nil` when the caller
    /// does not say.
    ///
    /// The scripted provider answers the keyed replies of this key (`=== reply Host.Main ===`, see ``ReplyScript``)
    /// when its script has any, so a script can give each agent its replies whatever order the agents call in;
    /// the HTTP providers ignore it.
    public var key: String?
    /// Which LLM call of ``key`` this is (0-based, from durable state, like ``callIndex``): the number of LLM
    /// calls with the same key the execution has made before this one.
    ///
    /// The scripted provider answers keyed reply number `keyIndex` of ``key``; the HTTP providers ignore it.
    public var keyIndex: Int
    /// Whether this asks the model to continue a reply that was cut off (after a crash or a broken
    /// stream): the last message is the part already received. Caches never answer these.
    public var isContinuation = false

    public init(
        messages: [LLMMessage], model: String? = nil, maxTokens: Int? = nil, temperature: Double? = nil, callIndex: Int = 0,
        key: String? = nil, keyIndex: Int = 0
    ) {
        self.messages = messages
        self.model = model
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.callIndex = callIndex
        self.key = key
        self.keyIndex = keyIndex
    }
}
