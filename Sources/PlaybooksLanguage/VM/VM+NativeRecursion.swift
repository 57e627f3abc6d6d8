extension VirtualMachine {
    /// Enters one level of Swift recursion over nested data; past the recursion limit (Python
    /// frames included) CPython's `RecursionError`, whose message ends with `context` (such as
    /// " while getting the repr of an object"). Every successful call is paired with
    /// ``leaveNativeRecursion()``.
    @inline(__always)
    func enterNativeRecursion(_ context: @autoclosure () -> String) throws(PyException) {
        nativeDepth += 1
        if nativeDepth + frames.count > limits.maxRecursionDepth || StackGuard.isNearlyExhausted() {
            nativeDepth -= 1
            throw nativeRecursionError(context())
        }
    }

    @inline(__always)
    func leaveNativeRecursion() { nativeDepth -= 1 }

    @inline(never)
    func nativeRecursionError(_ context: String) -> PyException {
        PyException(Types.recursionError, "maximum recursion depth exceeded" + context)
    }
}

/// The endings of CPython's `RecursionError` messages for recursion over data.
enum NativeRecursionContext {
    static let repr = " while getting the repr of an object"
    static let comparison = " in comparison"
    static let jsonEncoding = " while encoding a JSON object"
}
