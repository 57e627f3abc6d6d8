/// The VM's call stack, and its pool of spare frames: frame references in a manually managed
/// buffer. Calls push and pop here on every Python call and return; a Swift array did that
/// through non-inlined uniqueness checks and growth paths (about ten calls into the standard
/// library per Python call, measured with callgrind).
///
/// Popping an empty stack is a programming error and stops the process, as for an array.
final class FrameStack: RandomAccessCollection {
    private var base: UnsafeMutablePointer<Frame>
    private var capacity: Int
    private(set) var count = 0

    init(_ frames: [Frame] = []) {
        capacity = Swift.max(16, frames.count)
        base = .allocate(capacity: capacity)
        for frame in frames { append(frame) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    var isEmpty: Bool { count == 0 }

    subscript(position: Int) -> Frame {
        precondition(position >= 0 && position < count, "frame index out of range")
        return base[position]
    }

    /// The innermost frame.
    @inline(__always)
    var last: Frame? { count == 0 ? nil : base[count - 1] }

    @inline(__always)
    func append(_ frame: consuming Frame) {
        if count == capacity { grow() }
        (base + count).initialize(to: frame)
        count += 1
    }

    @inline(__always)
    @discardableResult
    func removeLast() -> Frame {
        precondition(count > 0, "removeLast() on an empty frame stack")
        count -= 1
        return (base + count).move()
    }

    @inline(__always)
    func popLast() -> Frame? { count == 0 ? nil : removeLast() }

    /// Empties the stack and pushes `frames`, outermost first.
    func replaceAll(with frames: [Frame]) {
        base.deinitialize(count: count)
        count = 0
        for frame in frames { append(frame) }
    }

    @inline(never)
    private func grow() {
        let bigger = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
