/// The coroutine returned by calling an `async def` function.
public final class CoroutineObject: @unchecked Sendable {
    public enum State: UInt8, Sendable { case created, running, finished }
    @exclusivity(unchecked) var frame: Frame?
    @exclusivity(unchecked) public var state: State
    @exclusivity(unchecked) public internal(set) var name: String
    init(frame: Frame?, name: String) {
        self.frame = frame
        self.state = .created
        self.name = name
    }
}
