import PlaybooksLanguage

/// What a retry after a crash may do to an external call that was in flight.
public enum DeliveryGuarantee: String, Sendable {
    /// Retried on resume with the same idempotency key (the default): the service sees the call
    /// once or more, and should deduplicate by the key.
    case atLeastOnce = "at-least-once"
    /// Never retried: a call in flight when the process died fails into the code with
    /// `RuntimeError: ... may or may not have happened`, which the code can catch.
    case atMostOnce = "at-most-once"
}

/// One call of an external function, as the host performs it.
public struct ExternalCall: Sendable {
    public var name: String
    public var arguments: [PortableValue]
    public var keywordArguments: [(name: String, value: PortableValue)]
    /// The same for every attempt of this await of this execution: `EXECUTION/RECORD`.
    public var idempotencyKey: String
}

/// A Swift function that playbooks can `await` by name: a tool, an API call, anything with
/// effects outside the execution. Its result is journaled; a finished call never runs again.
///
/// ```swift
/// let charge = ExternalFunction(name: "Charge", delivery: .atMostOnce) { call in
///     try await payments.charge(call.arguments[0], key: call.idempotencyKey)
///     return .str("ok")
/// }
/// ```
public struct ExternalFunction: Sendable {
    public var name: String
    public var delivery: DeliveryGuarantee
    public var body: @Sendable (ExternalCall) async throws -> PortableValue

    public init(
        name: String, delivery: DeliveryGuarantee = .atLeastOnce,
        body: @escaping @Sendable (ExternalCall) async throws -> PortableValue
    ) {
        self.name = name
        self.delivery = delivery
        self.body = body
    }
}

/// Throw this from an ``ExternalFunction`` to raise a specific Python exception in the code.
public struct ExternalFunctionError: Error, Sendable {
    /// A built-in exception class name such as `"ValueError"`.
    public var type: String
    public var message: String
    public init(type: String = "RuntimeError", message: String) {
        self.type = type
        self.message = message
    }
}
