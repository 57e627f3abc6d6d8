/// A call of a host function, created when Python calls it and performed when Python awaits it.
public final class HostCall: @unchecked Sendable {
    public internal(set) var name: String
    public internal(set) var arguments: [Value]
    public internal(set) var keywordArguments: [(name: String, value: Value)]
    public init(name: String, arguments: [Value], keywordArguments: [(name: String, value: Value)]) {
        self.name = name
        self.arguments = arguments
        self.keywordArguments = keywordArguments
    }
}
