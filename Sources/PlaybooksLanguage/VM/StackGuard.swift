#if canImport(Glibc)
    import Glibc

    /// glibc's `pthread_getattr_np`, which the Glibc module does not export (it needs `_GNU_SOURCE`).
    @_silgen_name("pthread_getattr_np")
    private func threadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells how much of the current thread's machine stack is left, so that Python code driving
/// Swift recursion (a `__repr__` calling `repr`, a key function sorting inside a key function, ...)
/// ends with `RecursionError` instead of overflowing the stack, whatever the recursion limit.
///
/// The bounds of a thread's stack are looked up once per thread and cached (the lookup reads
/// `/proc/self/maps` for the main thread on Linux).
struct StackGuard {
    private var thread: pthread_t?
    private var lowest: UInt = 0

    /// Bytes kept free below the deepest nested run: room for the built-ins it calls.
    static let reserve: UInt = 512 * 1024

    /// Whether the current thread's stack has more than ``reserve`` bytes left (`true` when its
    /// bounds are unknown).
    mutating func hasRoom() -> Bool {
        let me = pthread_self()
        if let thread, pthread_equal(thread, me) != 0 {
        } else {
            thread = me
            lowest = Self.lowestAddress() ?? 0
        }
        if lowest == 0 { return true }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here > lowest && here - lowest > Self.reserve
    }

    /// The lowest address of the current thread's stack, if the platform tells.
    private static func lowestAddress() -> UInt? {
        #if canImport(Glibc)
            var attributes = pthread_attr_t()
            guard threadAttributes(pthread_self(), &attributes) == 0 else { return nil }
            defer { pthread_attr_destroy(&attributes) }
            var address: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
            return UInt(bitPattern: address)
        #elseif canImport(Darwin)
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            let size = UInt(pthread_get_stacksize_np(pthread_self()))
            return top > size ? top - size : nil
        #else
            return nil
        #endif
    }
}
