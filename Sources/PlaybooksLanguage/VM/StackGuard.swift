#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks the space left on the current thread's stack, so that every recursion user input can
/// drive (the parser, the compiler, `repr` and comparison of nested data, nested calls of Python
/// from built-ins) stops with `RecursionError` before the stack runs out, whatever the thread's
/// stack size (8 MB on the main thread, 512 KB on some secondary threads) and however large a
/// build's stack frames are (a debug build's are several times a release build's).
///
/// The counted limits (the recursion limit, ``Parser/State/maxDepth``) still apply; this is the
/// second condition. The stack's low end is looked up once per thread and kept in thread-local
/// storage; a check then costs one comparison with the address of a local variable.
enum StackGuard {
    /// The space kept free below the deepest checked point: enough for the deepest stretch of
    /// calls between two checks (a nested run of the dispatch loop is about 20 KB in a debug
    /// build) and for raising the error.
    static let reserve: UInt = 160 * 1024

    /// Whether the current thread's stack is within ``reserve`` of its end.
    @inline(__always)
    static func isNearlyExhausted() -> Bool {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < floor
    }

    /// The bytes left on the current thread's stack above ``floor`` (`UInt.max` when unknown).
    static func remainingBytes() -> UInt {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let low = floor
        if low <= 1 { return UInt.max }
        return here > low ? here - low : 0
    }

    /// The lowest address checked code may reach on this thread (0 when unknown).
    static var floor: UInt {
        if let cached = pthread_getspecific(floorKey) { return UInt(bitPattern: cached) }
        let value = currentFloor()
        // A floor of 0 (unknown) is stored as 1, so that the lookup is not repeated.
        pthread_setspecific(floorKey, UnsafeRawPointer(bitPattern: max(value, 1)))
        return max(value, 1)
    }

    private static let floorKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static func currentFloor() -> UInt {
        #if canImport(Glibc)
            // `pthread_getattr_np` is a GNU extension the Glibc module does not declare.
            typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
            guard let symbol = dlsym(nil, "pthread_getattr_np") else { return 0 }
            let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
            var attributes = pthread_attr_t()
            guard getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
            defer { pthread_attr_destroy(&attributes) }
            var base: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &base, &size) == 0, let base else { return 0 }
            let low = UInt(bitPattern: base)
            return size > Int(reserve) * 2 ? low + reserve : low + UInt(size / 2)
        #elseif canImport(Darwin)
            let thread = pthread_self()
            let top = UInt(bitPattern: pthread_get_stackaddr_np(thread))
            let size = UInt(pthread_get_stacksize_np(thread))
            guard top > size else { return 0 }
            return size > reserve * 2 ? top - size + reserve : top - size / 2
        #else
            return 0
        #endif
    }
}
