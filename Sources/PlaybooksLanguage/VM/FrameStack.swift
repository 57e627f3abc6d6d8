/// The VM's call stack, and its pool of spare frames: frame references in a manually managed
/// buffer. Calls push and pop here on every Python call and return; a Swift array did that
/// through non-inlined uniqueness checks and growth paths (about ten calls into the standard
/// library per Python call, measured with callgrind).
///
/// A `Sequence` (innermost frame last), not a collection: nothing indexes it, so no access can
/// be out of range, and popping an empty stack gives `nil`.
final class FrameStack: Sequence {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Frame>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(_ frames: [Frame] = []) {
        capacity = Swift.max(16, frames.count)
        base = .allocate(capacity: capacity)
        for frame in frames { append(frame) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The innermost frame.
    @inline(__always)
    var last: Frame? { count == 0 ? nil : base[count - 1] }

    /// Calls `body` with the innermost frame, lent without retaining it (the stack keeps it
    /// alive); `nil` when the stack is empty. `body` may change the stack, but must not use the
    /// frame once it has been removed and dropped.
    @inline(__always)
    func withLast<R>(_ body: (Frame) -> R) -> R? {
        guard count > 0 else { return nil }
        return UnsafeMutableRawPointer(base + (count - 1)).load(as: Unmanaged<Frame>.self)._withUnsafeGuaranteedRef(body)
    }

    /// Pushes `value` on the innermost frame's operand stack; `false` when the stack is empty.
    /// (The frame is lent, as in ``withLast(_:)``: reading it from the buffer retained it.)
    @inline(__always)
    func pushOnLast(_ value: consuming Value) -> Bool {
        guard count > 0 else { return false }
        var moving = Optional(value)
        UnsafeMutableRawPointer(base + (count - 1)).load(as: Unmanaged<Frame>.self)._withUnsafeGuaranteedRef {
            if let v = moving.take() { $0.push(v) }
        }
        return true
    }

    @inline(__always)
    func append(_ frame: consuming Frame) {
        if count == capacity { grow() }
        (base + count).initialize(to: frame)
        count += 1
    }

    @inline(never)
    private func grow() {
        base = base.movedToNewAllocation(count: count, capacity: capacity * 2)
        capacity *= 2
    }

    /// Removes and returns the innermost frame; `nil` when the stack is empty.
    @inline(__always)
    func popLast() -> Frame? {
        if count == 0 { return nil }
        count -= 1
        return (base + count).move()
    }

    /// Empties the stack and pushes `frames`, outermost first.
    func replaceAll(with frames: [Frame]) {
        base.deinitialize(count: count)
        count = 0
        for frame in frames { append(frame) }
    }

    /// The frames, outermost first (a snapshot of the stack when iteration starts).
    func makeIterator() -> IndexingIterator<[Frame]> {
        Array(UnsafeBufferPointer(start: base, count: count)).makeIterator()
    }
}
